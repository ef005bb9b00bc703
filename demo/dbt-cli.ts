/**
 * A command-line stand-in for dbt, so the demo can run Slipway's real slim-CI
 * orchestration (which spawns `dbt parse` and `dbt build --select … --state …
 * --defer`) without dbt. NOT dbt: it understands the sample project only,
 * and picks nodes with Slipway's own selector. It says so on stderr.
 *
 *   dbt parse --project-dir P [--profiles-dir D] [--target T]
 *   dbt build --select … [--exclude …] [--state DIR] [--defer] --project-dir P …
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadManifest } from '../shared/dbt/artifacts.js';
import { loadStateDir, selectNodes } from '../shared/dbt/selection/index.js';
import { loadProfile } from '../shared/config/profiles.js';
import { connect } from '../shared/warehouse/index.js';
import { catalogSchemaName, readProjectQuoting } from '../shared/dbt/relation-names.js';
import { buildProject, parseProject } from './dbt-standin.js';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
function multi(args: string[], name: string): string[] {
  const i = args.indexOf(name);
  if (i < 0) return [];
  const out: string[] = [];
  for (let j = i + 1; j < args.length && !args[j]!.startsWith('--'); j++) out.push(args[j]!);
  return out;
}

async function main(argv: string[]): Promise<number> {
  const [sub, ...args] = argv;
  process.stderr.write(`[demo dbt stand-in — not dbt] dbt ${argv.join(' ')}\n`);
  const projectDir = resolve(flag(args, '--project-dir') ?? '.');
  const profilesDir = flag(args, '--profiles-dir');
  const target = flag(args, '--target');
  const profile = await loadProfile({ profilesDir, target, projectDir });
  // The schema as dbt-postgres creates it: quoted by default, so exactly as rendered (shared/dbt/relation-names.ts).
  const schema = catalogSchemaName(profile.schema ?? 'public', 'postgres', readProjectQuoting(projectDir));
  const targetDir = join(projectDir, 'target');
  mkdirSync(targetDir, { recursive: true });
  if (sub === 'parse') {
    writeFileSync(join(targetDir, 'manifest.json'), JSON.stringify(parseProject(projectDir, { schema }), null, 1));
    return 0;
  }
  if (sub !== 'build') {
    process.stderr.write(`the demo stand-in only knows parse and build\n`);
    return 2;
  }
  const manifest = await loadManifest(join(targetDir, 'manifest.json')).catch(() => parseProject(projectDir, { schema }));
  // dbt build writes target/manifest.json too (slim CI reports from it).
  writeFileSync(join(targetDir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  const statePath = flag(args, '--state');
  const state = statePath ? await loadStateDir(statePath) : undefined;
  const sel = selectNodes({ manifest, state: state?.manifest, select: multi(args, '--select'), exclude: multi(args, '--exclude') });
  const chosen = new Set(sel.selected);
  const defer = args.includes('--defer');
  const warehouse = await connect(profile);
  try {
    const rr = await buildProject(manifest, warehouse, {
      select: sel.selected,
      // --defer: a ref to a model that is not being built resolves to production (the state manifest's relation).
      schemaFor: (name) => {
        const id = `model.${manifest.metadata.project_name}.${name}`;
        if (chosen.has(id) || !defer || !state) return schema;
        return (state.manifest.nodes[id]?.schema as string) ?? schema;
      },
    });
    writeFileSync(join(targetDir, 'run_results.json'), JSON.stringify(rr, null, 1));
    const bad = rr.results.filter((r) => r.status === 'error' || r.status === 'fail');
    process.stderr.write(`[demo dbt stand-in] ${rr.results.length} nodes: ${rr.results.length - bad.length} ok, ${bad.length} failed\n`);
    return bad.length ? 1 : 0;
  } finally {
    await warehouse.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`[demo dbt stand-in] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);

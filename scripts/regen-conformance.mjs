#!/usr/bin/env node
/**
 * Re-record the selection conformance answers with real dbt:
 *   node scripts/regen-conformance.mjs
 * dbt is found like the real-dbt test tier (SLIPWAY_TEST_DBT, `dbt` on PATH,
 * ../shared/tools/dbt/bin/dbt). Each mutation of test/conformance/mutations.mjs
 * is applied to a copy of test/conformance/project; every project state is
 * parsed once by one Python process (dbtRunner) that then answers all `dbt ls`
 * selectors against the parsed manifest. Writes
 *   test/conformance/recorded/manifests.json  (every manifest, entries deduplicated)
 *   test/conformance/recorded/answers.json    (one entry per (mutation, direction, selector))
 * Needs no database: dbt parse and ls do not connect.
 * `--only-variants` re-records only the VARIANTS cases and merges them into the
 * committed files (the plain mutations take ~30 min on a busy 2-core machine).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MUTATIONS, REVERSE_SELECTORS, SELECTORS, VARIANTS } from '../test/conformance/mutations.mjs';
import { unpackManifest } from '../test/conformance/pack.mjs';
import { packManifests } from '../test/conformance/pack.mjs';
import { applyEdit } from '../test/conformance/apply.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const conf = join(root, 'test', 'conformance');

function findDbt() {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'dbt')).find((p) => existsSync(p));
  for (const p of [process.env.SLIPWAY_TEST_DBT, onPath, resolve(root, '..', 'shared', 'tools', 'dbt', 'bin', 'dbt')]) if (p && existsSync(p)) return p;
  throw new Error('no dbt: set SLIPWAY_TEST_DBT, put dbt on PATH, or provide ../shared/tools/dbt');
}

/** The Python interpreter (and PYTHONPATH) that runs this dbt: the shared wrapper, or a pip-installed script's shebang. */
function pythonFor(dbt) {
  const text = readFileSync(dbt, 'utf8').slice(0, 2000);
  const site = resolve(dirname(dbt), '..', 'site');
  if (text.includes('PYTHONPATH') && existsSync(site)) return { python: '/usr/bin/python3', env: { PYTHONPATH: site, PYTHONNOUSERSITE: '1' } };
  const m = /^#!\s*(\S+python[\d.]*)/.exec(text);
  return { python: m ? m[1] : 'python3', env: {} };
}

const dbt = findDbt();
const { python, env: pyEnv } = pythonFor(dbt);
const work = mkdtempSync(join(tmpdir(), 'slipway-conformance-'));
try {
  const profiles = join(work, 'profiles');
  mkdirSync(profiles);
  // dbt parse/ls never connect; the profile only has to be valid.
  writeFileSync(join(profiles, 'profiles.yml'), 'conf:\n  target: ci\n  outputs:\n    ci:\n      type: postgres\n      host: 127.0.0.1\n      port: 5432\n      user: postgres\n      password: ""\n      dbname: postgres\n      schema: conf\n      threads: 1\n');
  const onlyVariants = process.argv.includes('--only-variants');
  const projects = [];
  const runs = [];
  const addProject = (name, edits, env) => {
    const dir = join(work, name);
    cpSync(join(conf, 'project'), dir, { recursive: true });
    for (const e of edits) applyEdit(dir, e, name);
    projects.push({ name, dir, env: env ?? {} });
  };
  const addMutations = (base, baseEdits, mutations) => {
    addProject(base, baseEdits);
    for (const m of mutations) {
      const name = base === 'base' ? m.name : `${base}--${m.name}`;
      addProject(name, [...baseEdits, ...(m.edits ?? [])], m.env);
      for (const args of SELECTORS) runs.push({ current: name, state: base, args, mutation: m.name, variant: base === 'base' ? undefined : base });
      for (const args of REVERSE_SELECTORS) runs.push({ current: base, state: name, args, mutation: m.name, variant: base === 'base' ? undefined : base });
    }
  };
  if (!onlyVariants) addMutations('base', [], MUTATIONS);
  for (const v of VARIANTS) {
    const ms = v.mutations.map((n) => MUTATIONS.find((m) => m.name === n) ?? (() => { throw new Error(`variant ${v.name}: no mutation ${n}`); })());
    addMutations(v.name, v.edits, ms);
  }
  writeFileSync(join(work, 'job.json'), JSON.stringify({ profiles_dir: profiles, projects, runs }));
  const started = Date.now();
  const r = spawnSync(python, ['-W', 'ignore', join(conf, 'record.py'), join(work, 'job.json'), join(work, 'out.json')], {
    env: { ...process.env, ...pyEnv, PYTHONDONTWRITEBYTECODE: '1', DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', DO_NOT_TRACK: '1', DBT_USE_COLORS: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`the recorder failed (exit ${r.status})`);
  const out = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8'));
  const manifests = {};
  let dbtVersion;
  const recorded = join(conf, 'recorded');
  let previous = { cases: [] };
  if (onlyVariants) {
    // keep the plain mutations as committed; re-record only the variants
    const pack = JSON.parse(readFileSync(join(recorded, 'manifests.json'), 'utf8'));
    for (const name of Object.keys(pack.manifests)) if (!VARIANTS.some((v) => name === v.name || name.startsWith(`${v.name}--`))) manifests[name] = unpackManifest(pack, name);
    previous = JSON.parse(readFileSync(join(recorded, 'answers.json'), 'utf8'));
  }
  for (const p of projects) {
    const text = readFileSync(join(p.dir, 'target', 'manifest.json'), 'utf8').split(p.dir).join('<project>');
    manifests[p.name] = JSON.parse(text);
    dbtVersion ??= manifests[p.name].metadata?.dbt_version;
  }
  const why = Object.fromEntries(MUTATIONS.map((m) => [m.name, m.why]));
  const variants = Object.fromEntries(VARIANTS.map((v) => [v.name, { why: v.why, slipwayArgs: v.slipwayArgs }]));
  const cases = [
    ...previous.cases.filter((c) => !c.variant),
    ...out.runs.map((x) => ({ mutation: x.mutation, ...(x.variant ? { variant: x.variant } : {}), direction: x.current === x.mutation || x.current.endsWith(`--${x.mutation}`) ? 'forward' : 'reverse', args: x.args, ...(x.error !== undefined ? { error: x.error } : { ids: x.ids }) })),
  ];
  mkdirSync(recorded, { recursive: true });
  writeFileSync(join(recorded, 'manifests.json'), JSON.stringify(packManifests(manifests)));
  writeFileSync(
    join(recorded, 'answers.json'),
    `${JSON.stringify({ dbtVersion, recordedWith: 'dbt ls --output json --output-keys unique_id --state <state>/target', mutations: why, variants, cases }, null, 0).replace(/\{"mutation"/g, '\n{"mutation"')}\n`,
  );
  console.log(`recorded ${cases.length} cases over ${projects.length} project states with dbt ${dbtVersion} in ${Math.round((Date.now() - started) / 1000)} s`);
} finally {
  if (!process.env.SLIPWAY_KEEP_CONFORMANCE_WORK) rmSync(work, { recursive: true, force: true });
  else console.log(`work dir kept: ${work}`);
}

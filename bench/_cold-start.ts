/**
 * Shared by bench/cold-start.ts and test/actions-adapter/cold-start.test.ts:
 * the input error each action is measured on, and the action bundles built
 * exactly as `npm run build` builds them (scripts/build.mjs) but into a
 * temporary folder, never into dist/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

export const repo = resolve(import.meta.dirname, '..');

/**
 * Per action: the INPUT_* (and other variables) that make it fail on input,
 * and the text its `::error::` line must contain. Every action in actions/
 * needs one, so a new action cannot be measured on some other path.
 */
export const INPUT_ERRORS: Record<string, { env: Record<string, string>; names: string }> = {
  'blue-green-swap': { env: {}, names: "Input 'phase' is required but was not given." },
  doctor: { env: { INPUT_AS: 'admin' }, names: "Input 'as' must be ci or deploy, got 'admin'." },
  'fivetran-sync': { env: {}, names: 'No Fivetran connection to sync was given.' },
  'freshness-gate': { env: { INPUT_MODE: 'sometimes' }, names: "Unknown freshness mode 'sometimes'" },
  'grant-policy': { env: {}, names: 'Input plan is empty.' },
  'pr-schema': { env: { 'INPUT_PR-NUMBER': '12x' }, names: 'pr-number' },
  rollback: { env: {}, names: 'A rollback needs a reason.' },
  'schema-cleanup': { env: { INPUT_MODE: 'everything' }, names: 'Input mode must be auto, pr or sweep' },
  'slim-ci': { env: { INPUT_MODE: 'sometimes' }, names: 'Input mode must be check or save-state' },
};

/**
 * Good inputs but no warehouse connection anywhere: the body loads and stops
 * at the first configuration error. Past the input check, so not held to the
 * 2× target; printed to show what the run stage itself costs.
 */
export const CONNECTION_ERRORS: Record<string, Record<string, string>> = {
  'blue-green-swap': { INPUT_PHASE: 'prepare', INPUT_ENVIRONMENT: 'production', INPUT_SCHEMAS: 'analytics' },
  doctor: { INPUT_AS: 'ci' },
  rollback: { INPUT_REASON: 'INC-1 bad numbers' },
};
export const NO_CONNECTION = 'No warehouse connection is configured.';

/** Variables that name a warehouse connection or a dbt profile; removed so nothing connects. */
export function withoutConnection(env: NodeJS.ProcessEnv, home: string): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(env).filter(([k]) => !/^(SNOWFLAKE_|DBT_|DATABASE_URL$|SLIPWAY_|PG)/.test(k))), HOME: home };
}

/** The environment of a run: this one without any GitHub, runner or input variables. */
export function cleanEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)));
}

/**
 * Bundle every action and the CLI into `<temp>/dist` with scripts/build.mjs
 * (which writes `<cwd>/dist`, so it runs from a folder linking the sources).
 */
export function buildIntoTemp(): { work: string; dist: string; cleanup(): void } {
  const work = mkdtempSync(join(tmpdir(), 'slipway-cold-'));
  for (const d of ['actions', 'shared', 'node_modules', 'package.json', 'tsconfig.json']) symlinkSync(join(repo, d), join(work, d));
  const built = spawnSync(process.execPath, [join(repo, 'scripts', 'build.mjs')], { cwd: work, encoding: 'utf8' });
  if (built.status !== 0) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(`scripts/build.mjs failed (exit ${built.status}):\n${built.stdout}${built.stderr}`);
  }
  return { work, dist: join(work, 'dist'), cleanup: () => rmSync(work, { recursive: true, force: true }) };
}

/**
 * The files a built module loads before any dynamic import() runs: its static
 * `import … from './…'` / `export … from './…'` closure, paths relative to `root`.
 */
export function staticClosure(file: string, root: string): string[] {
  const seen = new Set<string>();
  const walk = (f: string): void => {
    if (seen.has(f)) return;
    seen.add(f);
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) walk(resolve(dirname(f), m[1]!));
  };
  walk(resolve(file));
  return [...seen].map((f) => relative(root, f)).sort();
}

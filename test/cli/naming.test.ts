/**
 * One naming scheme (docs/naming.md), enforced from the real artefacts:
 *
 * - every action input and output is kebab-case;
 * - where a command configures the same thing as an action input, its flag has
 *   the input's words (`pr-number` ⇔ `--pr-number`), from commander's own
 *   program and every actions/*\/action.yml; each action input is either
 *   matched by a command or listed below as action-only, with the reason;
 * - every deprecated flag still works (same result as the new flag) and warns
 *   naming the new one, and docs/naming.md lists exactly those flags;
 * - the `--format json` output of the commands, run for real on the test
 *   PostgreSQL server, has camelCase keys apart from the listed deprecated ones.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProgram } from '../../shared/cli/program.js';
import { camelCase, deprecationsOf } from '../../shared/cli/naming.js';
import { DEPRECATED_DEPLOY_KEYS } from '../../shared/deploy/report.js';
import { runSlipway } from '../helpers/cli.js';
import { repoRoot } from '../helpers/fixtures.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';
import { fakeBuild, tinyManifest } from '../deploy/harness.js';
import { FakeFivetran, NORMAL } from '../fivetran/fake-fivetran.js';
import { gpar, onDb, planJson, rc } from '../policy/helpers.js';
import { actionInputs } from '../helpers/inputs.js';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { GateFailure } from '../../shared/errors.js';
import { freshnessGateAction } from '../../actions/freshness-gate/action.js';
import { PostgresWarehouse } from '../../shared/warehouse/postgres.js';

// ---------------------------------------------------------------------------
// The artefacts: commander's program and every action.yml.

interface ActionSpec {
  inputs: Record<string, { default?: unknown }>;
  outputs: Record<string, unknown>;
}
const actionsDir = join(repoRoot, 'actions');
const ACTIONS: Record<string, ActionSpec> = Object.fromEntries(
  readdirSync(actionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const y = parse(readFileSync(join(actionsDir, d.name, 'action.yml'), 'utf8')) as Partial<ActionSpec>;
      return [d.name, { inputs: y.inputs ?? {}, outputs: y.outputs ?? {} }];
    }),
);

const program = buildProgram();
const COMMANDS = new Map<string, Command>();
(function walk(cmd: Command, path: string[]): void {
  for (const sub of cmd.commands) {
    const p = [...path, sub.name()];
    COMMANDS.set(p.join(' '), sub);
    walk(sub, p);
  }
})(program, []);

/** The visible long flags of a command (its own, not the program's). */
function flagsOf(path: string): Set<string> {
  const cmd = COMMANDS.get(path);
  if (!cmd) throw new Error(`no command 'slipway ${path}'`);
  return new Set(cmd.options.filter((o) => !o.hidden && o.long).map((o) => o.long!));
}

// ---------------------------------------------------------------------------
// Which command configures what of which action.

const CONNECTION = ['profiles-dir', 'profile', 'target', 'project-dir'];
const DEPLOY_COMMON = ['environment', 'admin-schema', 'database', ...CONNECTION];
const COLOURS = ['schemas', 'suffix-blue', 'suffix-green'];
const PREPARE = [...DEPLOY_COMMON, ...COLOURS, 'manifest', 'lease-minutes', 'database-swap', 'published-database', 'dry-run'];

/** command → action, and the inputs of that action the command takes as flags ('*' = all but ACTION_ONLY). */
const PAIRS: { command: string; action: string; inputs: string[] | '*'; prefix?: string }[] = [
  { command: 'pr-schema create', action: 'pr-schema', inputs: '*' },
  { command: 'pr-schema name', action: 'pr-schema', inputs: ['pr-number', 'prefix'] },
  { command: 'schema-cleanup', action: 'schema-cleanup', inputs: '*' },
  { command: 'deploy prepare', action: 'blue-green-swap', inputs: PREPARE },
  { command: 'deploy cutover', action: 'blue-green-swap', inputs: [...PREPARE, 'deploy-id', 'run-results', 'checks-dir', 'row-count-tolerance', 'warn-policy', 'freshness-gate', 'row-count-history', 'freshness-config'] },
  { command: 'deploy abort', action: 'blue-green-swap', inputs: [...DEPLOY_COMMON, 'deploy-id', 'reason'] },
  { command: 'deploy adopt', action: 'blue-green-swap', inputs: [...DEPLOY_COMMON, ...COLOURS, 'dry-run'] },
  { command: 'rollback', action: 'rollback', inputs: '*' },
  { command: 'doctor', action: 'doctor', inputs: '*' },
  { command: 'freshness', action: 'freshness-gate', inputs: '*' },
  { command: 'policy', action: 'grant-policy', inputs: '*' },
  { command: 'fivetran sync', action: 'fivetran-sync', inputs: '*' },
  { command: 'slim-ci', action: 'slim-ci', inputs: ['command', 'project-dir', 'profiles-dir', 'target', 'state-target', 'select', 'exclude', 'defer', 'favor-state', 'on-missing-state', 'manifest'] },
  { command: 'state save', action: 'slim-ci', inputs: ['state-target', 'sha', 'project-dir', 'manifest'] },
  { command: 'state restore', action: 'slim-ci', inputs: ['state-target', 'deploy-workflow', 'state-artifact', 'live-manifest-sha'] },
  // Inside slim-ci the impact options carry the impact- prefix; `slipway impact` is that feature alone.
  { command: 'impact', action: 'slim-ci', prefix: 'impact-', inputs: ['impact-fail-on', 'impact-children', 'impact-sensitive', 'impact-samples'] },
];

const TOKEN = 'a token is never a flag (it would sit in shell history and the process list): the CLI reads GITHUB_TOKEN';
const GITHUB_ONLY = 'check runs and pull-request comments exist only in a workflow; the CLI prints the report (--format json for tooling)';

/** Action inputs no command takes, and why (deliberate exceptions, listed in docs/naming.md). */
const ACTION_ONLY: Record<string, Record<string, string>> = {
  'blue-green-swap': { phase: 'one subcommand per phase: slipway deploy prepare | cutover | abort | adopt' },
  'schema-cleanup': {
    mode: 'mode pr is --pr-number <n>, mode sweep is --sweep; mode auto follows the GitHub event, which a shell does not have',
    'github-token': TOKEN,
  },
  doctor: { 'fail-on-missing': 'a shell always gets exit 1 when anything is missing; only a workflow step may report without failing' },
  'freshness-gate': { 'check-name': GITHUB_ONLY, comment: GITHUB_ONLY, 'github-token': TOKEN },
  'grant-policy': { comment: GITHUB_ONLY, 'sarif-file': 'the CLI prints SARIF on stdout (--format sarif) instead of writing a file', 'github-token': TOKEN },
  'slim-ci': {
    mode: 'mode check is slipway slim-ci, mode save-state is slipway state save',
    comment: GITHUB_ONLY,
    'github-token': TOKEN,
    impact: 'in a shell the impact report is its own command, slipway impact',
    'live-state-environment': "the action reads the live manifest's SHA-256 from DEPLOY_STATE; in a shell take it from slipway deploy status --format json and pass state restore --live-manifest-sha",
    'admin-schema': 'with live-state-environment (see there)',
    'admin-database': 'with live-state-environment (see there)',
  },
};

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const CAMEL = /^[a-z][a-zA-Z0-9]*$/;

describe('naming: action inputs and CLI flags', () => {
  it('every action input and output is kebab-case', () => {
    const bad = Object.entries(ACTIONS).flatMap(([a, s]) => [...Object.keys(s.inputs), ...Object.keys(s.outputs)].filter((k) => !KEBAB.test(k)).map((k) => `${a}: ${k}`));
    expect(Object.keys(ACTIONS).length).toBeGreaterThanOrEqual(9);
    expect(bad).toEqual([]);
  });

  it('a flag that sets what an action input sets has the same name (--<input>, or --no-<input> for a switch that defaults on)', () => {
    const mismatches: string[] = [];
    for (const p of PAIRS) {
      const action = ACTIONS[p.action];
      expect(action, `action ${p.action}`).toBeDefined();
      const flags = flagsOf(p.command);
      const only = ACTION_ONLY[p.action] ?? {};
      const inputs = p.inputs === '*' ? Object.keys(action!.inputs).filter((i) => !(i in only)) : p.inputs;
      for (const input of inputs) {
        expect(action!.inputs, `${p.action} has no input ${input} (fix PAIRS)`).toHaveProperty([input]);
        const words = p.prefix ? input.slice(p.prefix.length) : input;
        const switchOn = String(action!.inputs[input]?.default) === 'true';
        if (!flags.has(`--${words}`) && !(switchOn && flags.has(`--no-${words}`))) mismatches.push(`slipway ${p.command}: no --${words} for ${p.action} input '${input}'`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('every action input is taken by a command or listed as action-only with the reason', () => {
    const covered = new Set<string>();
    for (const p of PAIRS) {
      const only = ACTION_ONLY[p.action] ?? {};
      for (const i of p.inputs === '*' ? Object.keys(ACTIONS[p.action]!.inputs).filter((x) => !(x in only)) : p.inputs) covered.add(`${p.action}/${i}`);
    }
    for (const [a, inputs] of Object.entries(ACTION_ONLY)) for (const i of Object.keys(inputs)) covered.add(`${a}/${i}`);
    const uncovered = Object.entries(ACTIONS).flatMap(([a, s]) => Object.keys(s.inputs).map((i) => `${a}/${i}`)).filter((k) => !covered.has(k));
    expect(uncovered).toEqual([]);
    // …and no exception names an input that does not exist (a renamed input must not leave a stale excuse behind).
    const stale = Object.entries(ACTION_ONLY).flatMap(([a, inputs]) => Object.keys(inputs).filter((i) => !(i in (ACTIONS[a]?.inputs ?? {}))).map((i) => `${a}/${i}`));
    expect(stale).toEqual([]);
  });

  it('docs/naming.md lists every deprecated flag (hidden from --help) and its replacement, and nothing else', () => {
    const actual = [...COMMANDS.entries()].flatMap(([path, cmd]) => deprecationsOf(cmd).map((d) => `slipway ${path} | ${d.old} | ${d.replacement}${d.value ? ` ${d.value}` : ''}`)).sort();
    expect(actual.length).toBeGreaterThanOrEqual(12);
    const doc = readFileSync(join(repoRoot, 'docs', 'naming.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Deprecated flags'), doc.indexOf('## Deprecated JSON keys'));
    const rows = [...section.matchAll(/^\| `(slipway [^`]+)` \| `([^`]+)` \| `([^`]+)` \|/gm)].map((m) => `${m[1]} | ${m[2]} | ${m[3]}`).sort();
    expect(rows).toEqual(actual);
    for (const [path, cmd] of COMMANDS) {
      const help = cmd.helpInformation();
      for (const d of deprecationsOf(cmd)) expect(help, `slipway ${path} --help`).not.toMatch(new RegExp(`${d.old}\\b(?!-)`));
    }
    // The JSON keys table names every deprecated deploy key.
    const keys = doc.slice(doc.indexOf('## Deprecated JSON keys'));
    for (const [oldKey, newKey] of Object.entries(DEPRECATED_DEPLOY_KEYS)) expect(keys).toContain(`| \`${oldKey}\` | \`${newKey}\` |`);
  });
});

// ---------------------------------------------------------------------------
// Deprecated flags: each still works, gives the same result as the new flag, and warns naming it.

const clean = { SLIPWAY_PGLITE_PATH: undefined, DBT_PROFILES_DIR: undefined, SNOWFLAKE_ACCOUNT: undefined, DATABASE_URL: undefined, GITHUB_TOKEN: undefined, GH_TOKEN: undefined, ACTIONS_RUNTIME_TOKEN: undefined, GITHUB_SHA: undefined };
const warned = (err: string, old: string, replacement: string) => expect(err).toMatch(new RegExp(`^warning: ${old} is deprecated .*use ${replacement}`, 'm'));
const json = (out: string) => JSON.parse(out) as Record<string, any>;

let tmp: string;
let manifestPath: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'slipway-naming-'));
  manifestPath = join(tmp, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify(tinyManifest({ analytics: ['orders'] })));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every deprecated flag must have a case here (so a new alias cannot ship untested); registered when the file is collected. */
const tested = new Set<string>();
const alias = (path: string, old: string) => tested.add(`${path} ${old}`);

describe('naming: deprecated flags still work and warn', () => {
  alias('pr-schema name', '--pr');
  it('pr-schema name --pr', async () => {
    const old = await runSlipway(['pr-schema', 'name', '--pr', '12', '--dialect', 'postgres'], clean);
    expect(old.code, old.err).toBe(0);
    expect(old.out.trim()).toBe('ci_pr_12');
    warned(old.err, '--pr', '--pr-number');
    const now = await runSlipway(['pr-schema', 'name', '--pr-number', '12', '--dialect', 'postgres'], clean);
    expect(now.out).toBe(old.out);
    expect(now.err).not.toMatch(/deprecated/);
    const both = await runSlipway(['pr-schema', 'name', '--pr-number', '12', '--pr', '13'], clean);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--pr and --pr-number were both given[\s\S]*pass only --pr-number/);
  });

  for (const o of ['--pr', '--ci-role', '--reviewer-role']) alias('pr-schema create', o);
  it('pr-schema create --pr, --ci-role, --reviewer-role (dry run: the same statements)', async () => {
    const base = ['pr-schema', 'create', '--repo', 'acme/analytics', '--dry-run', '--dialect', 'snowflake', '--format', 'json'];
    const old = await runSlipway([...base, '--pr', '7', '--ci-role', 'CI', '--ci-role', 'CI2', '--reviewer-role', 'REVIEWER'], clean);
    expect(old.code, old.err).toBe(0);
    for (const [o, n] of [['--pr', '--pr-number'], ['--ci-role', '--ci-roles'], ['--reviewer-role', '--reviewer-roles']]) warned(old.err, o!, n!);
    const now = await runSlipway([...base, '--pr-number', '7', '--ci-roles', 'CI,CI2', '--reviewer-roles', 'REVIEWER'], clean);
    expect(now.code, now.err).toBe(0);
    // The ownership record carries the time of the run; everything else is the same plan.
    const plan = (out: string) => String(json(out).plan).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>');
    expect(plan(old.out)).toBe(plan(now.out));
    expect(json(now.out).plan).toMatch(/GRANT USAGE, CREATE TABLE, CREATE VIEW ON SCHEMA "CI_PR_7" TO ROLE "CI2"/);
    expect(json(now.out).plan).toMatch(/TO ROLE "REVIEWER"/);
  });

  alias('schema-cleanup', '--pr');
  it('schema-cleanup --pr', async () => {
    const old = await runSlipway(['schema-cleanup', '--pr', '7', '--dry-run', '--dialect', 'postgres', '--format', 'json'], clean);
    expect(old.code, old.err).toBe(0);
    warned(old.err, '--pr', '--pr-number');
    const now = await runSlipway(['schema-cleanup', '--pr-number', '7', '--dry-run', '--dialect', 'postgres', '--format', 'json'], clean);
    expect(json(old.out).plan).toBe(json(now.out).plan);
    expect(json(now.out).plan).toMatch(/ci_pr_7/);
  });

  alias('freshness', '--measure');
  it('freshness --measure is --mode warehouse', async () => {
    const old = await runSlipway(['freshness', '--measure', '--dry-run', '--dialect', 'postgres', '--manifest', manifestPath, '--project-dir', tmp, '--format', 'json'], clean);
    expect(old.code, old.err).toBe(0);
    warned(old.err, '--measure', '--mode warehouse');
    const now = await runSlipway(['freshness', '--mode', 'warehouse', '--dry-run', '--dialect', 'postgres', '--manifest', manifestPath, '--project-dir', tmp, '--format', 'json'], clean);
    expect(old.out).toBe(now.out);
    // Without either, --dry-run has nothing to show: the alias really set the mode.
    const neither = await runSlipway(['freshness', '--dry-run', '--dialect', 'postgres', '--manifest', manifestPath, '--project-dir', tmp], clean);
    expect(neither.code).toBe(2);
    expect(neither.err).toMatch(/--mode warehouse/);
    const both = await runSlipway(['freshness', '--measure', '--mode', 'sources-json', '--dry-run', '--manifest', manifestPath], clean);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--measure and --mode were both given/);
  });

  for (const c of ['state save', 'state restore', 'state list']) alias(c, '--target');
  alias('state restore', '--artifact-name');
  it('state save/list/restore --target and restore --artifact-name', async () => {
    const env = { ...clean, SLIPWAY_CACHE_DIR: join(tmp, 'cache') };
    const saved = await runSlipway(['state', 'save', '--target', 'prod', '--sha', 'abc1234', '--manifest', manifestPath, '--backend', 'local', '--state-dir', join(tmp, 'stage'), '--format', 'json'], env);
    expect(saved.code, saved.err).toBe(0);
    warned(saved.err, '--target', '--state-target');
    expect(json(saved.out).key).toBe('slipway-state-prod-abc1234');
    const listed = await runSlipway(['state', 'list', '--target', 'prod', '--format', 'json'], env);
    warned(listed.err, '--target', '--state-target');
    expect(json(listed.out).entries.map((e: { key: string }) => e.key)).toEqual(['slipway-state-prod-abc1234']);
    const other = await runSlipway(['state', 'list', '--target', 'staging', '--format', 'json'], env);
    expect(json(other.out).entries).toEqual([]);
    const restored = await runSlipway(['state', 'restore', '--target', 'prod', '--artifact-name', 'my-state', '--backend', 'local', '--state-dir', join(tmp, 'restored'), '--format', 'json'], env);
    expect(restored.code, restored.err).toBe(0);
    warned(restored.err, '--target', '--state-target');
    warned(restored.err, '--artifact-name', '--state-artifact');
    expect(json(restored.out).sha).toBe('abc1234');
    const both = await runSlipway(['state', 'restore', '--state-target', 'prod', '--state-artifact', 'a', '--artifact-name', 'b', '--backend', 'local', '--state-dir', join(tmp, 'r2')], env);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--artifact-name and --state-artifact were both given/);
    const missing = await runSlipway(['state', 'save', '--sha', 'abc', '--manifest', manifestPath, '--backend', 'local'], env);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--state-target is required/);
  });

  for (const o of ['--connector', '--connection', '--group']) alias('fivetran sync', o);
  it('fivetran sync --connector, --connection, --group', async () => {
    const s = await new FakeFivetran([
      { id: 'a', service: 'postgres', schema: 'a', script: NORMAL },
      { id: 'b', service: 'postgres', schema: 'b', script: NORMAL },
      { id: 'g1', group_id: 'grp', service: 'postgres', schema: 'g', script: NORMAL },
    ]).start();
    try {
      const env = { FIVETRAN_API_KEY: 'test-key', FIVETRAN_API_SECRET: 'test-secret', FIVETRAN_API_URL: undefined };
      const fast = ['--api-url', s.url, '--poll-interval', '0.05', '--timeout', '20', '--stuck-after', '5', '--max-requests-per-minute', '60000', '--format', 'json'];
      const old = await runSlipway(['fivetran', 'sync', ...fast, '--connector', 'a', '--connection', 'b', '--group', 'grp'], env);
      expect(old.code, old.err).toBe(0);
      for (const [o, n] of [['--connector', '--connectors'], ['--connection', '--connectors'], ['--group', '--groups']]) warned(old.err, o!, n!);
      expect(json(old.out).connectors.map((c: { id: string }) => c.id).sort()).toEqual(['a', 'b', 'g1']);
      const now = await runSlipway(['fivetran', 'sync', ...fast, '--connectors', 'a,b', '--groups', 'grp'], env);
      expect(now.code, now.err).toBe(0);
      expect(json(now.out).connectors.map((c: { id: string }) => c.id).sort()).toEqual(['a', 'b', 'g1']);
    } finally {
      await s.stop();
    }
  });
});

describePg('naming: deprecated flags on the real PostgreSQL server', () => {
  alias('deploy cutover', '--freshness');
  alias('doctor', '--feature');

  it('deploy cutover --freshness is --freshness-gate: a stale source blocks the cutover under either name, and nothing without', async () => {
    const db = await freshPgDatabase('naming_gate');
    const env = { ...clean, DATABASE_URL: db.url, SLIPWAY_ACTOR: 'naming-test' };
    try {
      await db.warehouse.query('CREATE SCHEMA raw');
      await db.warehouse.query("CREATE TABLE raw.orders AS SELECT 1 AS id, now() - interval '3 days' AS loaded_at");
      const m = tinyManifest({ gated: ['orders'] }) as any;
      m.sources = { 'source.p.raw.orders': { unique_id: 'source.p.raw.orders', resource_type: 'source', package_name: 'p', name: 'orders', source_name: 'raw', schema: 'raw', identifier: 'orders', loaded_at_field: 'loaded_at', freshness: { error_after: { count: 1, period: 'hour' } } } };
      const mf = join(tmp, 'gated-manifest.json');
      writeFileSync(mf, JSON.stringify(m));
      const deploy = ['--environment', 'gate', '--schemas', 'gated', '--manifest', mf, '--project-dir', tmp, '--format', 'json'];
      // A refused cutover ends its deploy (FAILED, lock released): each attempt prepares and builds anew.
      const prepareAndBuild = async () => {
        const p = json((await runSlipway(['deploy', 'prepare', ...deploy], env)).out);
        await fakeBuild(db.warehouse, p.schemas, ['orders'], p.deployId);
        return p;
      };
      const freshnessCheck = (out: string) => (json(out).checks as { name: string; status: string }[]).find((c) => c.name === 'source-freshness');
      await prepareAndBuild();
      const old = await runSlipway(['deploy', 'cutover', ...deploy, '--freshness'], env);
      warned(old.err, '--freshness', '--freshness-gate');
      expect(old.code, old.err).toBe(1);
      expect(json(old.out)).toMatchObject({ status: 'FAILED', error: { exitCode: 1 } });
      expect(freshnessCheck(old.out)).toMatchObject({ status: 'fail' });
      await prepareAndBuild();
      const now = await runSlipway(['deploy', 'cutover', ...deploy, '--freshness-gate'], env);
      expect(now.code, now.err).toBe(1);
      expect(freshnessCheck(now.out)).toMatchObject({ status: 'fail' });
      const third = await prepareAndBuild();
      const ungated = await runSlipway(['deploy', 'cutover', ...deploy], env);
      expect(ungated.code, ungated.err).toBe(0);
      expect(json(ungated.out)).toMatchObject({ status: 'LIVE', deployId: third.deployId });
    } finally {
      await db.drop();
    }
  });

  it('doctor --feature is --features', async () => {
    const db = await freshPgDatabase('naming_doctor');
    const env = { ...clean, DATABASE_URL: db.url };
    try {
      const old = await runSlipway(['doctor', '--as', 'ci', '--feature', 'pr-schema', '--format', 'json'], env);
      warned(old.err, '--feature', '--features');
      const now = await runSlipway(['doctor', '--as', 'ci', '--features', 'pr-schema', '--format', 'json'], env);
      expect(old.code).toBe(now.code);
      expect(json(old.out).features).toEqual(['pr-schema']);
      expect(json(now.out).features).toEqual(['pr-schema']);
      const all = await runSlipway(['doctor', '--as', 'ci', '--format', 'json'], env);
      expect(json(all.out).features.length).toBeGreaterThan(1);
      const bad = await runSlipway(['doctor', '--feature', 'nope'], env);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/Unknown feature 'nope' for --features/);
    } finally {
      await db.drop();
    }
  });
});

// ---------------------------------------------------------------------------
// JSON keys of the commands, run for real.

/** A second connection to a test database (the action closes the warehouse it is given). */
function freshPgWarehouse(url: string): PostgresWarehouse {
  const u = new URL(url);
  return new PostgresWarehouse({ type: 'postgres', host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), dbname: u.pathname.slice(1) });
}

/** Keys that are not camelCase, with their path; `deprecatedKeys` and the keys it lists are allowed at the top level. */
function nonCamelKeys(value: unknown, path = '', top = true): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => nonCamelKeys(v, `${path}[${i}]`, false));
  if (!value || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  const allowed = top && obj.deprecatedKeys && typeof obj.deprecatedKeys === 'object' ? new Set(Object.keys(obj.deprecatedKeys)) : new Set<string>();
  return Object.entries(obj).flatMap(([k, v]) => {
    if (top && k === 'deprecatedKeys') return [];
    const here = `${path}.${k}`;
    return [...(CAMEL.test(k) || allowed.has(k) ? [] : [here]), ...(DATA_MAPS.has(k) ? [] : nonCamelKeys(v, here, false))];
  });
}
/** Objects whose keys are data, not field names: select's modified (node ids), policy's summary.rules (rule ids). */
const DATA_MAPS = new Set<string>(['modified', 'rules']);
/**
 * Fields copied from another tool's document keep that tool's spelling so its docs apply
 * (docs/naming.md): a Fivetran connection's fields in `fivetran sync`'s connectors.
 */
const FOREIGN: Record<string, string[]> = {
  'fivetran sync': ['group_id', 'sync_state', 'setup_state', 'rescheduled_for', 'requested_at', 'succeeded_at', 'failed_at'].map((k) => `.connectors[0].${k}`),
};

describePg('naming: --format json keys are camelCase (real PostgreSQL server)', () => {
  it('deploy prepare → cutover → status, abort, unlock, adopt, rollback, doctor, freshness, pr-schema, schema-cleanup', async () => {
    const db = await freshPgDatabase('naming');
    const env = { ...clean, DATABASE_URL: db.url, SLIPWAY_ACTOR: 'naming-test', GITHUB_REPOSITORY: 'acme/analytics' };
    const outputs: Record<string, Record<string, any>> = {};
    /** Run with --format json; `codes` are the exit codes this step may end with. */
    const run = async (label: string, args: string[], codes = [0]) => {
      const r = await runSlipway([...args, '--format', 'json'], env, { cwd: tmp });
      expect(codes, `${label}: exit ${r.code}: ${r.err}`).toContain(r.code);
      outputs[label] = json(r.out);
      return outputs[label]!;
    };
    try {
      const deploy = ['--environment', 'prod', '--schemas', 'analytics', '--manifest', manifestPath, '--project-dir', tmp];
      const prepared = await run('deploy prepare', ['deploy', 'prepare', ...deploy]);
      // camelCase keys, and the kebab keys of before for one release, mapped under deprecatedKeys.
      expect(prepared.deployId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
      expect(prepared['deploy-id']).toBe(prepared.deployId);
      expect(prepared.schemaSuffix).toBe(prepared['schema-suffix']);
      expect(prepared.deprecatedKeys).toMatchObject({ 'deploy-id': 'deployId', 'schema-suffix': 'schemaSuffix', 'published-schemas': 'publishedSchemas' });
      await fakeBuild(db.warehouse, prepared.schemas, ['orders'], prepared.deployId);
      const cut = await run('deploy cutover', ['deploy', 'cutover', ...deploy, '--deploy-id', prepared.deployId]);
      expect(cut).toMatchObject({ status: 'LIVE', deployId: prepared.deployId, swapStatements: expect.any(Number), 'swap-statements': cut.swapStatements });
      expect(cut.deprecatedKeys).toMatchObject({ 'swap-statements': 'swapStatements', 'grants-mirrored': 'grantsMirrored', 'duration-ms': 'durationMs' });
      await run('deploy cutover --dry-run', ['deploy', 'cutover', ...deploy, '--dry-run']);
      await run('deploy cutover --dry-run --dialect', ['deploy', 'cutover', ...deploy, '--dry-run', '--dialect', 'snowflake']);
      await run('deploy status', ['deploy', 'status', '--environment', 'prod']);
      const second = await run('deploy prepare 2', ['deploy', 'prepare', ...deploy]);
      await run('deploy abort', ['deploy', 'abort', '--environment', 'prod', '--deploy-id', second.deployId, '--reason', 'build failed']);
      await run('deploy unlock', ['deploy', 'unlock', '--environment', 'prod', '--reason', 'nothing holds it']);
      // A second LIVE deploy, so there is something to roll back to.
      const third = await run('deploy prepare 3', ['deploy', 'prepare', ...deploy]);
      await fakeBuild(db.warehouse, third.schemas, ['orders'], third.deployId);
      await run('deploy cutover 2', ['deploy', 'cutover', ...deploy, '--deploy-id', third.deployId]);
      await run('rollback --dry-run', ['rollback', '--environment', 'prod', '--reason', 'test', '--dry-run', '--project-dir', tmp]);
      const back = await run('rollback', ['rollback', '--environment', 'prod', '--reason', 'test', '--project-dir', tmp]);
      expect(back.rolledBackTo).toBe(prepared.deployId);
      // The freshness gate measured for real: a stale source (the report an action also writes to report-json).
      await db.warehouse.query('CREATE SCHEMA raw');
      await db.warehouse.query("CREATE TABLE raw.orders AS SELECT 1 AS id, now() - interval '3 days' AS loaded_at");
      const m = tinyManifest({ analytics: ['orders'] }) as any;
      m.sources = { 'source.p.raw.orders': { unique_id: 'source.p.raw.orders', resource_type: 'source', package_name: 'p', name: 'orders', source_name: 'raw', schema: 'raw', identifier: 'orders', loaded_at_field: 'loaded_at', freshness: { warn_after: { count: 1, period: 'hour' }, error_after: { count: 1, period: 'day' } } } };
      const mf = join(tmp, 'sources-manifest.json');
      writeFileSync(mf, JSON.stringify(m));
      await run('freshness', ['freshness', '--mode', 'warehouse', '--manifest', mf, '--project-dir', tmp], [1]);
      // The same report as the freshness-gate action's report-json output: camelCase there too.
      const rt = new CliRuntime({ write: () => undefined });
      const gate = await freshnessGateAction(rt, actionInputs({ mode: 'warehouse', manifest: mf, 'project-dir': tmp, 'github-token': '' }), { repo: { owner: '', repo: '' }, sha: 'x' } as never, { openWarehouse: async () => freshPgWarehouse(db.url) }).catch((e: unknown) => e);
      expect(gate).toBeInstanceOf(GateFailure);
      outputs['freshness-gate action report-json'] = JSON.parse(rt.outputs['report-json']!);
      await run('freshness row-counts check', ['freshness', 'row-counts', 'check', '--environment', 'prod', '--manifest', manifestPath, '--project-dir', tmp], [0, 1]);
      // --format given to the parent command reaches the subcommand too (its own default must not win).
      const before = await runSlipway(['freshness', '--format', 'json', 'row-counts', 'check', '--environment', 'prod', '--manifest', manifestPath, '--project-dir', tmp], env, { cwd: tmp });
      expect([0, 1], before.err).toContain(before.code);
      expect(json(before.out)).toEqual(outputs['freshness row-counts check']);
      await db.warehouse.query('CREATE SCHEMA legacy');
      await db.warehouse.query('CREATE TABLE legacy.t AS SELECT 1 AS id');
      const adopted = await run('deploy adopt', ['deploy', 'adopt', '--environment', 'legacy-env', '--schemas', 'legacy', '--project-dir', tmp]);
      expect(adopted).toMatchObject({ status: 'LIVE', tablesMoved: 1, 'tables-moved': 1, deprecatedKeys: { 'tables-moved': 'tablesMoved', 'deploy-id': 'deployId', 'grants-copied': 'grantsCopied' } });
      await run('doctor', ['doctor', '--as', 'deploy', '--environment', 'prod', '--project-dir', tmp], [0, 1]);
      await run('pr-schema create', ['pr-schema', 'create', '--pr-number', '7', '--project-dir', tmp]);
      await run('pr-schema name', ['pr-schema', 'name', '--pr-number', '7']);
      await run('schema-cleanup', ['schema-cleanup', '--pr-number', '7', '--project-dir', tmp]);
      await run('freshness --dry-run', ['freshness', '--mode', 'warehouse', '--dry-run', '--dialect', 'postgres', '--manifest', manifestPath]);
      await run('warehouse info', ['warehouse', 'info', '--project-dir', tmp]);
    } finally {
      await db.drop();
    }
    const bad = Object.entries(outputs).flatMap(([label, o]) => nonCamelKeys(o).map((k) => `${label}: ${k}`));
    expect(bad).toEqual([]);
  });
});

it('every deprecated flag has a case above', () => {
  const all = [...COMMANDS.entries()].flatMap(([path, cmd]) => deprecationsOf(cmd).map((d) => `${path} ${d.old}`)).sort();
  expect([...tested].sort()).toEqual(all);
  expect(camelCase('--pr-number')).toBe('prNumber');
});

describe('naming: --format json keys are camelCase (commands without a warehouse)', () => {
  it('select, policy, state save/list/restore, pr-schema name, fivetran sync', async () => {
    const env = { ...clean, SLIPWAY_CACHE_DIR: join(tmp, 'cache-json') };
    const outputs: Record<string, unknown> = {};
    const run = async (label: string, args: string[], codes = [0], extra: Record<string, string | undefined> = {}) => {
      const r = await runSlipway([...args, '--format', 'json'], { ...env, ...extra }, { cwd: tmp });
      expect(codes, `${label}: exit ${r.code}: ${r.err}`).toContain(r.code);
      outputs[label] = json(r.out);
    };
    const stateDir = join(tmp, 'prod-state');
    const changed = tinyManifest({ analytics: ['orders', 'customers'] });
    const prMf = join(tmp, 'pr-manifest.json');
    writeFileSync(prMf, JSON.stringify(changed));
    await run('state save', ['state', 'save', '--state-target', 'prod', '--sha', 'def5678', '--manifest', manifestPath, '--backend', 'local', '--state-dir', join(tmp, 'stage-json')]);
    await run('state list', ['state', 'list']);
    await run('state restore', ['state', 'restore', '--state-target', 'prod', '--backend', 'local', '--state-dir', stateDir]);
    await run('select', ['select', '--state', stateDir, '--manifest', prMf]);
    const G = 'snowflake_grant_privileges_to_account_role';
    const plan = join(tmp, 'plan.json');
    writeFileSync(plan, planJson([rc(`${G}.pub`, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"ANALYTICS"')) }), rc(`${G}.ok`, ['create'], { after: gpar('"LOADER"', ['USAGE'], onDb('"RAW"')) })]));
    await run('policy', ['policy', '--plan', plan], [1]);
    await run('pr-schema name', ['pr-schema', 'name', '--pr-number', '3']);
    const s = await new FakeFivetran([{ id: 'a', group_id: 'g', service: 'postgres', schema: 'a', script: NORMAL }]).start();
    try {
      await run('fivetran sync', ['fivetran', 'sync', '--api-url', s.url, '--connectors', 'a', '--poll-interval', '0.05', '--timeout', '20', '--stuck-after', '5', '--max-requests-per-minute', '60000'], [0], {
        FIVETRAN_API_KEY: 'test-key',
        FIVETRAN_API_SECRET: 'test-secret',
        FIVETRAN_API_URL: undefined,
      });
    } finally {
      await s.stop();
    }
    expect((outputs['select'] as { selected: string[] }).selected).toContain('model.p.analytics.customers');
    const bad = Object.entries(outputs).flatMap(([label, o]) => nonCamelKeys(o).filter((k) => !(FOREIGN[label] ?? []).includes(k)).map((k) => `${label}: ${k}`));
    expect(bad).toEqual([]);
  });
});

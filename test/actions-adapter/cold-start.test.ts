/**
 * Cold start (#17), checked on the bundles themselves (built by
 * scripts/build.mjs into a temporary folder, never dist/): every action
 * rejects its input error with exit 2 and one `::error::` line before it
 * loads any third-party code, and once the inputs are good the heavy body
 * still loads and runs. Timing is measured by `npm run bench` (cold-start),
 * never asserted here.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIntoTemp, cleanEnv, CONNECTION_ERRORS, INPUT_ERRORS, NO_CONNECTION, repo, staticClosure, withoutConnection } from '../../bench/_cold-start.js';

const actions = readdirSync(join(repo, 'actions')).sort();

describe('action bundles: input errors before anything heavy', () => {
  let built: ReturnType<typeof buildIntoTemp>;
  let cwd: string;
  /** No connection of any kind: no profile in the workspace or HOME, no SNOWFLAKE_* / DATABASE_URL / SLIPWAY_PGLITE_PATH. */
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    built = buildIntoTemp();
    cwd = join(built.work, 'workspace');
    mkdirSync(cwd);
    env = { ...withoutConnection(cleanEnv(), cwd), GITHUB_OUTPUT: join(built.work, 'github_output') };
  }, 600_000);
  afterAll(() => built?.cleanup());

  const run = (action: string, extra: Record<string, string>) => {
    const r = spawnSync(process.execPath, [join(built.dist, action, 'index.js')], { env: { ...env, ...extra }, cwd, encoding: 'utf8', timeout: 120_000 });
    return { status: r.status, out: `${r.stdout}${r.stderr}`, errors: r.stdout.split('\n').filter((l) => l.startsWith('::error::')) };
  };

  it('every action has an input error to be measured on', () => {
    expect(actions.filter((a) => !INPUT_ERRORS[a])).toEqual([]);
  });

  it.each(actions)('%s rejects its input error with exit 2 and one ::error:: line naming it', (action) => {
    const c = INPUT_ERRORS[action]!;
    const r = run(action, c.env);
    expect(r.status, r.out).toBe(2);
    expect(r.errors, r.out).toHaveLength(1);
    expect(r.errors[0]).toContain(c.names);
    expect(r.errors[0]).toContain('How to fix');
  });

  it.each(actions)('%s loads no third-party module and not the Actions runtime before its inputs are checked', (action) => {
    const loaded = staticClosure(join(built.dist, action, 'index.js'), built.dist);
    expect(loaded).toContain(`${action}/index.js`);
    expect(loaded.filter((f) => f.startsWith('vendor/'))).toEqual([]);
  });

  // blue-green-swap and rollback split into a light check and a lazily imported body: with good
  // inputs the body (deploy core, YAML, zod, @actions/core) must still load and reach the connection.
  it.each(Object.entries(CONNECTION_ERRORS))('%s with good inputs loads its body and stops at the missing connection (exit 2)', (action, inputs) => {
    const r = run(action, inputs);
    expect(r.out).not.toMatch(/SyntaxError|ReferenceError|ERR_MODULE_NOT_FOUND|Internal error/);
    expect(r.status, r.out).toBe(2);
    expect(r.errors, r.out).toHaveLength(1);
    expect(r.errors[0]).toContain(NO_CONNECTION);
  });

  it('a bad point in time is refused by the rollback check stage, naming the input value', () => {
    const r = run('rollback', { INPUT_REASON: 'INC-1', INPUT_AT: 'yesterday-ish' });
    expect(r.status, r.out).toBe(2);
    expect(r.errors, r.out).toHaveLength(1);
    expect(r.errors[0]).toContain('yesterday-ish');
  });

  it('a bad phase is refused naming the phases', () => {
    const r = run('blue-green-swap', { INPUT_PHASE: 'swap', INPUT_ENVIRONMENT: 'production' });
    expect(r.status, r.out).toBe(2);
    expect(r.errors[0]).toContain("Input 'phase' must be prepare, cutover or abort (or adopt, once, to take existing schemas over), got 'swap'.");
  });
});

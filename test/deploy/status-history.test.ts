/**
 * `slipway deploy status` for on-call: who did what, when and why (rollbacks
 * included), labelled columns, and a mistyped environment is an error naming
 * the known ones — never "nothing live".
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runSlipway } from '../helpers/cli.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';
import { deploy, ENV, PUBLISHED } from '../rollback/deploys.js';

describePg('slipway deploy status', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    db = await freshPgDatabase('status_history');
    env = { DATABASE_URL: db.url, SLIPWAY_PGLITE_PATH: undefined, DBT_PROFILES_DIR: undefined, SNOWFLAKE_ACCOUNT: undefined, SLIPWAY_ACTOR: 'oncall-anna' };
    await deploy(db.warehouse, 'A');
    await deploy(db.warehouse, 'B');
    const rb = await runSlipway(['rollback', '--environment', ENV, '--schemas', PUBLISHED.join(','), '--reason', 'orders double-counted since 09:10'], env);
    expect(rb.code, rb.err).toBe(0);
  });
  afterAll(async () => db?.drop());

  it('shows who rolled back, when and why, under labelled columns', async () => {
    const r = await runSlipway(['deploy', 'status', '--environment', ENV], env);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/when \(UTC\)\s+deploy id\s+became\s+by\s+why/);
    const rolledBack = r.out.split('\n').find((l) => /ROLLED_BACK/.test(l) && /oncall-anna/.test(l));
    expect(rolledBack, r.out).toBeDefined();
    expect(rolledBack).toMatch(/orders double-counted since 09:10/);
    const json = JSON.parse((await runSlipway(['deploy', 'status', '--environment', ENV, '--format', 'json'], env)).out);
    expect(json.history.filter((h: { status: string }) => h.status === 'ROLLED_BACK')).toMatchObject([{ actor: 'oncall-anna', why: 'orders double-counted since 09:10' }]);
  });

  it('a mistyped environment is an error (exit 2) that names the known ones', async () => {
    const r = await runSlipway(['deploy', 'status', '--environment', 'prodcution'], env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no environment 'prodcution'/);
    expect(r.err).toMatch(new RegExp(`Known environments: ${ENV}`));
  });
});

/**
 * `slipway doctor` on the real PostgreSQL server as a role that lacks what it
 * needs: it must say what is missing, print the statement that fixes it, and
 * exit 1; once an administrator runs exactly that statement, exit 0. On
 * Snowflake: the statements it reads grants with (and the GRANTs it prints)
 * parse as Snowflake SQL, and its verdicts follow SHOW GRANTS rows in the
 * documented shape.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorSql } from '../../shared/dialects/doctor.js';
import { runDoctor } from '../../shared/doctor/doctor.js';
import { PERMISSIONS } from '../../shared/permissions/model.js';
import { runSlipway } from '../helpers/cli.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';
import { describeSqlfluff, unparsableSnowflake } from '../helpers/sqlfluff.js';
import { FakeSnowflake } from '../helpers/fake-snowflake.js';

const clean = { SLIPWAY_PGLITE_PATH: undefined, DBT_PROFILES_DIR: undefined, SNOWFLAKE_ACCOUNT: undefined, GITHUB_TOKEN: undefined };

describePg('slipway doctor on the PostgreSQL server', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let roleUrl: string;
  const role = `doc_ci_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    db = await freshPgDatabase('doctor');
    await admin(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    await admin(`CREATE ROLE ${role} LOGIN`);
    const dbName = new URL(db.url).pathname.slice(1);
    await admin(`REVOKE ALL ON DATABASE "${dbName}" FROM PUBLIC`);
    await admin(`GRANT CONNECT ON DATABASE "${dbName}" TO ${role}`);
    const u = new URL(db.url);
    u.username = role;
    roleUrl = u.toString();
  });
  afterAll(async () => {
    await db?.drop();
    const c = new pg.Client({ connectionString: process.env.SLIPWAY_TEST_PG_URL });
    await c.connect();
    await c.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    await c.end();
  });

  it('names the missing CREATE, prints the GRANT that fixes it, exits 1; after that GRANT, exits 0', async () => {
    const first = await runSlipway(['doctor', '--as', 'ci'], { ...clean, DATABASE_URL: roleUrl });
    expect(first.code, first.err).toBe(1);
    expect(first.out).toMatch(/\[MISS\] grants: CREATE on database/);
    const grant = /GRANT CREATE ON DATABASE "[^"]+" TO "[^"]+";/.exec(first.out)?.[0];
    expect(grant, first.out).toBeDefined();
    expect(first.out).not.toMatch(/\[MISS\] grants: CONNECT/);

    await admin(grant!);
    const second = await runSlipway(['doctor', '--as', 'ci', '--format', 'json'], { ...clean, DATABASE_URL: roleUrl });
    expect(second.code, second.out + second.err).toBe(0);
    const report = JSON.parse(second.out);
    expect(report.ready).toBe(true);
    expect(report.connection.role).toBe(role);
    expect(report.checks.filter((c: { status: string }) => c.status === 'missing')).toEqual([]);
  });

  it('reports DEPLOY_STATE before the first deploy as a warning, not a failure', async () => {
    const r = await runSlipway(['doctor', '--as', 'deploy', '--environment', 'production'], { ...clean, DATABASE_URL: db.url });
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/\[warn\] deploy-state: DEPLOY_STATE — No DEPLOY_STATE in this database yet/);
  });

  it('validates a production state folder: a broken manifest is missing, with how to fix it', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'doctor-state-'));
    writeFileSync(join(dir, 'manifest.json'), '{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"}, "nodes": null');
    const r = await runSlipway(['doctor', '--as', 'deploy', '--state', dir], { ...clean, DATABASE_URL: db.url });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\[MISS\] state: production state/);
  });

  it('rejects an unknown feature as bad input (exit 2) before connecting', async () => {
    const r = await runSlipway(['doctor', '--features', 'reviewers'], { ...clean, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown feature 'reviewers'/);
  });
});

/** A Snowflake account that answers doctor's statements with rows in SHOW GRANTS' documented shape; any other statement is an error. */
function snowflakeSession(grants: Record<string, Record<string, unknown>[]>, future: Record<string, Record<string, unknown>[]>): FakeSnowflake {
  const sql = doctorSql('snowflake');
  const fake = new FakeSnowflake({ strict: true }).answer(sql.whoAmI(), [{ role: 'TRANSFORMER_DEV', database: 'ANALYTICS_DEV', warehouse: 'TRANSFORMING_WH_DEV' }]);
  for (const [role, rows] of Object.entries(grants)) fake.answer(sql.grantsToRole!(role), rows);
  for (const [dbName, rows] of Object.entries(future)) fake.answer(sql.futureGrantsInDatabase!(dbName), rows);
  return fake;
}

const g = (privilege: string, granted_on: string, name: string, grantee: string) => ({ created_on: '2026-01-01', privilege, granted_on, name, granted_to: 'ROLE', grantee_name: grantee, grant_option: 'false', granted_by: 'SECURITYADMIN' });
const fg = (privilege: string, grant_on: string, name: string, grantee: string) => ({ created_on: '2026-01-01', privilege, grant_on, name, grant_to: 'ROLE', grantee_name: grantee, grant_option: 'false' });

describe('slipway doctor on Snowflake (recorded SHOW GRANTS shapes)', () => {
  it('follows inherited roles: CI reads production through REPORTER_PROD', async () => {
    const wh = snowflakeSession(
      {
        TRANSFORMER_DEV: [g('USAGE', 'WAREHOUSE', 'TRANSFORMING_WH_DEV', 'TRANSFORMER_DEV'), g('USAGE', 'DATABASE', 'ANALYTICS_DEV', 'TRANSFORMER_DEV'), g('CREATE SCHEMA', 'DATABASE', 'ANALYTICS_DEV', 'TRANSFORMER_DEV'), g('USAGE', 'ROLE', 'REPORTER_PROD', 'TRANSFORMER_DEV')],
        REPORTER_PROD: [g('USAGE', 'DATABASE', 'ANALYTICS_PROD', 'REPORTER_PROD')],
      },
      {
        ANALYTICS_DEV: [],
        ANALYTICS_PROD: [fg('USAGE', 'SCHEMA', 'ANALYTICS_PROD.<SCHEMA>', 'REPORTER_PROD'), fg('SELECT', 'TABLE', 'ANALYTICS_PROD.<TABLE>', 'REPORTER_PROD'), fg('SELECT', 'VIEW', 'ANALYTICS_PROD.<VIEW>', 'REPORTER_PROD')],
      },
    );
    const r = await runDoctor(wh, { as: 'ci', features: ['pr-schema', 'slim-ci'], prodDatabase: 'analytics_prod' });
    const missing = r.checks.filter((c) => c.status === 'missing').map((c) => c.name);
    expect(missing).toEqual([]);
    expect(r.checks.filter((c) => c.status === 'skip').map((c) => c.name).join('\n')).toMatch(/raw database/);
    expect(r.ready).toBe(true);
  });

  it('prints each missing grant as a GRANT for the role, and MANAGE GRANTS only when reviewer-roles is asked for', async () => {
    const wh = snowflakeSession({ TRANSFORMER_DEV: [g('USAGE', 'WAREHOUSE', 'TRANSFORMING_WH_DEV', 'TRANSFORMER_DEV'), g('OWNERSHIP', 'DATABASE', 'ANALYTICS_DEV', 'TRANSFORMER_DEV')] }, { ANALYTICS_DEV: [] });
    const plain = await runDoctor(wh, { as: 'ci', features: ['pr-schema'] });
    expect(plain.ready).toBe(true); // OWNERSHIP of the database implies USAGE and CREATE SCHEMA
    const withReviewers = await runDoctor(wh, { as: 'ci', features: ['pr-schema', 'reviewer-roles'] });
    expect(withReviewers.ready).toBe(false);
    expect(withReviewers.checks.filter((c) => c.status === 'missing').map((c) => c.fix)).toEqual(['GRANT MANAGE GRANTS ON ACCOUNT TO ROLE "TRANSFORMER_DEV";']);
  });
});

describeSqlfluff("doctor's Snowflake statements", () => {
  it('parse as Snowflake SQL, for every grant the model can print', () => {
    const sql = doctorSql('snowflake');
    const stmts = [sql.whoAmI().sql, sql.grantsToRole!('TRANSFORMER_DEV').sql, sql.grantsToRole!('weird role').sql, sql.futureGrantsInDatabase!('ANALYTICS_PROD').sql];
    for (const p of PERMISSIONS) for (const priv of p.privileges) stmts.push(sql.grant(priv, { kind: p.kind, name: 'ANALYTICS_PROD' }, 'TRANSFORMER_DEV').sql);
    expect(unparsableSnowflake(stmts)).toEqual([]);
  });
});

describePg('the doctor action body', () => {
  it('fails the step naming what is missing, with the GRANT in the hint; reports only with fail-on-missing: false', async () => {
    const { actionInputs } = await import('../helpers/inputs.js');
    const { parseDoctorInputs } = await import('../../actions/doctor/inputs.js');
    const { runDoctorAction } = await import('../../actions/doctor/action.js');
    const { CliRuntime } = await import('../../shared/runtime/cli-runtime.js');
    const { PostgresWarehouse } = await import('../../shared/warehouse/postgres.js');
    const db = await freshPgDatabase('doctor_action');
    const role = `doc_act_${process.pid}`;
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await admin.query(`CREATE ROLE ${role} LOGIN`);
      const dbName = new URL(db.url).pathname.slice(1);
      await admin.query(`REVOKE ALL ON DATABASE "${dbName}" FROM PUBLIC`);
      await admin.query(`GRANT CONNECT ON DATABASE "${dbName}" TO ${role}`);
      const u = new URL(db.url);
      const open = async () => new PostgresWarehouse({ type: 'postgres', host: u.hostname, port: Number(u.port), user: role, dbname: dbName });

      const rt = new CliRuntime({ write: () => undefined });
      const failing = await runDoctorAction(rt, parseDoctorInputs(actionInputs({ as: 'deploy' })), { openWarehouse: open }).catch((e) => e);
      expect(String(failing?.message)).toMatch(/CREATE on database/);
      expect(String(failing?.hint)).toMatch(/GRANT CREATE ON DATABASE/);
      expect(rt.outputs.ready).toBe('false');

      const rt2 = new CliRuntime({ write: () => undefined });
      await runDoctorAction(rt2, parseDoctorInputs(actionInputs({ as: 'deploy', 'fail-on-missing': 'false' })), { openWarehouse: open });
      expect(rt2.outputs.ready).toBe('false');
      expect(JSON.parse(rt2.outputs.missing!)[0].fix).toMatch(/^GRANT CREATE ON DATABASE/);
      expect(rt2.summaries.join('\n')).toMatch(/Slipway doctor: ❌ 1 missing/);

      expect(() => parseDoctorInputs(actionInputs({ features: 'pr-schema, reviewers' }))).toThrow(/unknown feature 'reviewers'/);
    } finally {
      await admin.query(`DROP OWNED BY ${role}`).catch(() => undefined);
      await admin.end();
      await db.drop();
      const c = new pg.Client({ connectionString: process.env.SLIPWAY_TEST_PG_URL });
      await c.connect();
      await c.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await c.end();
    }
  });
});

/**
 * Freshness conformance (real-dbt tier): on the sources and SLAs of
 * test/conformance/project (source-level and table-level SLAs, a filter, a
 * loaded_at_field expression, config-level freshness, a naive timestamp
 * column, an empty table, a table never created, sources without freshness),
 * the verdicts of `slipway freshness --mode warehouse` equal those of real
 * `dbt source freshness` on the same PostgreSQL database, per source, in three
 * rounds of load ages (mostly fresh, mostly late, mostly stale). The database
 * runs in a non-UTC time zone so naive timestamps are a real test. Load ages
 * keep ≥ 20 minutes from every threshold so wall-clock drift cannot flip a verdict.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runSlipway } from '../helpers/cli.js';
import { describeDbt, repoRoot, runDbt, writePgProfiles } from '../helpers/dbt.js';
import { freshPgDatabase } from '../helpers/pg.js';

type Status = 'pass' | 'warn' | 'error' | 'runtime error';

/** Age of the newest row, in minutes, per round: [fresh, late, stale]. */
// Rounds: fresh, late, stale, and one that mixes all three verdicts across the sources. The
// suite runs the mixed round; SLIPWAY_CONFORMANCE_FULL=1 runs all four (each dbt run is slow here).
const AGES: Record<string, [number, number, number, number]> = {
  events: [60, 240, 540, 60], // warn 2h, error 6h (source level)
  payments: [600, 2880, 5760, 2880], // 1d / 3d, loaded_at_field "paid_at::timestamp" over a text column
  shipments: [10, 60, 180, 180], // 30m / 2h, filter carrier <> 'test' (test rows are always 1 minute old)
  refunds: [180, 540, 900, 180], // config: freshness warn 12h (and whatever dbt merges from the source level)
  logins: [60, 240, 540, 540], // naive timestamp column (UTC), 2h / 6h
};
const ROUND_NAMES = ['fresh', 'late', 'stale', 'mixed'];
const ROUNDS = process.env.SLIPWAY_CONFORMANCE_FULL ? [0, 1, 2, 3] : [3];

describeDbt('freshness verdicts equal real dbt source freshness', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let client: pg.Client;
  const tmp = mkdtempSync(join(tmpdir(), 'slipway-conf-fresh-'));
  const project = join(tmp, 'project');
  const profiles = join(tmp, 'profiles');
  const rounds: { dbt: Record<string, Status>; inSourcesJson: string[]; slipway: Record<string, Status>; fromSourcesJson: Record<string, Status>; skipped: string[] }[] = [];

  beforeAll(async () => {
    db = await freshPgDatabase('conf_freshness');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const dbName = new URL(db.url).pathname.slice(1);
    await client.query(`ALTER DATABASE "${dbName}" SET timezone TO 'America/New_York'`);
    await client.end();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`
      create schema conf_raw; create schema conf_crm;
      create table conf_raw.events (id int, loaded_at timestamptz);
      create table conf_raw.payments (id int, paid_at text);
      create table conf_raw.shipments (id int, carrier text, loaded_at timestamptz);
      create table conf_raw.refunds (id int, refunded_at timestamptz);
      create table conf_raw.countries (code text);
      create table conf_raw.logins (id int, logged_in_at timestamp);
      create table conf_raw.sessions (id int, started_at timestamptz);
      create table conf_crm.accounts (id int);`);
    cpSync(join(repoRoot, 'test', 'conformance', 'project'), project, { recursive: true });
    writePgProfiles(profiles, 'conf', db.url, { ci: { schema: 'conf' } });
    for (const round of ROUNDS) {
      const age = (t: string) => `now() - interval '${AGES[t]![round]} minutes'`;
      await client.query(`
        truncate conf_raw.events, conf_raw.payments, conf_raw.shipments, conf_raw.refunds, conf_raw.logins;
        insert into conf_raw.events values (1, ${age('events')} - interval '1 day'), (2, ${age('events')});
        insert into conf_raw.payments values (1, to_char((${age('payments')}) at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'));
        insert into conf_raw.shipments values (1, 'ups', ${age('shipments')}), (2, 'test', now() - interval '1 minute');
        insert into conf_raw.refunds values (1, ${age('refunds')});
        insert into conf_raw.logins values (1, (${age('logins')}) at time zone 'UTC');`);
      const out = join(tmp, `sources-${round}.json`);
      const d = await runDbt(['source', 'freshness', '--output', out], { cwd: project, profilesDir: profiles });
      // dbt exits 1 when any source errors; the file is written either way.
      expect([0, 1], d.stdout + d.stderr).toContain(d.code);
      const dbtResults = JSON.parse(readFileSync(out, 'utf8')).results as { unique_id: string; status: Status }[];
      // dbt 1.11 leaves runtime errors out of sources.json (FreshnessExecutionResultArtifact keeps only
      // SourceFreshnessResult), so its full verdict per source is read from its console lines.
      const fromConsole: Record<string, Status> = {};
      for (const m of d.stdout.matchAll(/\d+ of \d+ (PASS|WARN|ERROR STALE|ERROR) freshness of (\w+)\.(\w+)/g)) {
        fromConsole[`source.conf.${m[2]}.${m[3]}`] = ({ PASS: 'pass', WARN: 'warn', 'ERROR STALE': 'error', ERROR: 'runtime error' } as const)[m[1] as 'PASS'];
      }
      for (const r of dbtResults) expect(fromConsole[r.unique_id], r.unique_id).toBe(r.status);
      const s = await runSlipway(['freshness', '--mode', 'warehouse', '--project-dir', project, '--profiles-dir', profiles, '--format', 'json']);
      expect([0, 1], s.err).toContain(s.code);
      const report = JSON.parse(s.out);
      const j = await runSlipway(['freshness', '--sources', out, '--project-dir', project, '--format', 'json']);
      expect([0, 1], j.err).toContain(j.code);
      rounds.push({
        dbt: fromConsole,
        inSourcesJson: dbtResults.map((r) => r.unique_id),
        slipway: Object.fromEntries(report.results.map((r: { uniqueId: string; verdict: Status }) => [r.uniqueId, r.verdict])),
        fromSourcesJson: Object.fromEntries(JSON.parse(j.out).results.map((r: { uniqueId: string; verdict: Status }) => [r.uniqueId, r.verdict])),
        skipped: report.skipped.map((x: { uniqueId: string }) => x.uniqueId).sort(),
      });
    }
  });

  afterAll(async () => {
    await client?.end().catch(() => undefined);
    await db?.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('real dbt judged every kind of verdict (the comparison is not vacuous)', () => {
    const all = rounds.flatMap((r) => Object.values(r.dbt));
    for (const v of ['pass', 'warn', 'error', 'runtime error'] as const) expect(all, v).toContain(v);
  });

  for (const [i, name] of ROUNDS.map((r) => ROUND_NAMES[r]!).entries()) {
    it(`round ${name}: slipway freshness --mode warehouse gives dbt's verdict for every source`, () => {
      expect(rounds[i]!.slipway).toEqual(rounds[i]!.dbt);
    });
    it(`round ${name}: slipway freshness --sources <dbt's sources.json> gives the same verdicts`, () => {
      expect(rounds[i]!.fromSourcesJson).toEqual(rounds[i]!.dbt);
    });
  }

  it('real dbt writes no sources.json entry for a runtime error; Slipway reads that absence as a runtime error', () => {
    for (const r of rounds) {
      expect(r.dbt['source.conf.raw.clicks']).toBe('runtime error');
      expect(r.inSourcesJson).not.toContain('source.conf.raw.clicks');
      expect(r.fromSourcesJson['source.conf.raw.clicks']).toBe('runtime error');
    }
  });

  it('an empty table is stale to dbt (NULL max read as year 1), and to Slipway', () => {
    for (const r of rounds) expect([r.dbt['source.conf.raw.sessions'], r.slipway['source.conf.raw.sessions']]).toEqual(['error', 'error']);
  });

  it('sources without freshness are skipped by both (dbt does not report them)', () => {
    for (const r of rounds) {
      for (const id of r.skipped) expect(Object.keys(r.dbt)).not.toContain(id);
      expect(r.skipped).toEqual(expect.arrayContaining(['source.conf.raw.countries', 'source.conf.crm.accounts']));
    }
  });
});

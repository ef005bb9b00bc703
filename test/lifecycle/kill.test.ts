/**
 * Process kills and races on the real PostgreSQL server (issue #13):
 *
 * - the CLI process (not only its connection) is SIGKILLed at every statement
 *   of `deploy prepare`, `deploy cutover` and `rollback`, observed on the wire
 *   by a proxy (./proxy.ts); after each kill every invariant of ./model.ts
 *   holds (a dead holder may keep the lock if it has an owner and a lease),
 *   and the next commands converge: the rerun (or the workflow's abort step,
 *   or on-call's unlock) and then a fresh deploy succeed and are what readers see;
 * - two rollbacks at once, and a rollback racing a cutover, each a separate
 *   process, with readers running during the rollbacks.
 *
 * A kill costs a process start and a fresh deploy (~10 s on a busy machine),
 * so by default every 8th statement is killed, from a random offset (so runs
 * cover different statements; the offset is printed). LIFECYCLE_KILL_STRIDE=1
 * kills at every statement (~100 kills); LIFECYCLE_RACES=<n> sets the race
 * trials (default 3).
 */
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { describePg, pgUrl } from '../helpers/pg.js';
import { build, cli, childCli, observe, openWorld, plantForeign, readerLoop, type World } from './harness.js';
import { statementProxy, type StatementProxy } from './proxy.js';
import { ARGS, Concurrent, Deploy, judge, newStats, preparedFrom, record, Real, step, fault, type Invariant } from './model.js';

const STRIDE = Math.max(1, Number(process.env.LIFECYCLE_KILL_STRIDE ?? 16));
const OFFSET = STRIDE > 1 ? Math.floor(Math.random() * STRIDE) : 0;
const RACES = Number(process.env.LIFECYCLE_RACES ?? 2);
const stats = newStats();
const kills: Record<string, { statements: number; kills: number; converged: number; at: number[] }> = {};
/** What must hold right after a kill: everything but the lock rule (a dead process keeps its lease until it is cleared or expires). */
/** (`truth` does not apply: the killed command reported nothing.) */
const AFTER_KILL: Invariant[] = ['one-colour', 'no-republish', 'foreign', 'audit'];

afterAll(() => {
  const k = Object.entries(kills).map(([cmd, x]) => `${cmd}: ${x.statements} statements, ${x.kills} SIGKILLs (at ${x.at.join(',')}), ${x.converged} converged`);
  const v = Object.entries(stats.violations).filter(([, n]) => n);
  process.stdout.write(
    `\n=== #13 process kills and races [pg]: ${k.join('; ')}; ${stats.sequences} sequences, ${stats.steps} steps, faults ${JSON.stringify(stats.faults)}, invariant violations: ${v.length ? JSON.stringify(Object.fromEntries(v)) : 0}\n` +
      Object.entries(stats.examples)
        .map(([i, m]) => `  first ${i}: ${m}\n`)
        .join(''),
  );
});

describePg('SIGKILL at every statement of prepare, cutover and rollback; the next commands converge', () => {
  let w: World;
  let proxy: StatementProxy;
  let real: Real;
  // Each command's kills run in a world (database, lock, proxy) of their own: a test that fails or
  // times out holding the lock cannot fail the next one.
  beforeEach(async () => {
    w = await openWorld('pg', 'kill');
    await plantForeign(w, { inPublished: false });
    proxy = await statementProxy(w.url!);
    real = new Real(w, stats, new Set());
    real.last = await observe(w);
    // Two deploys, so a rollback has somewhere to go.
    const model = { ids: [] as string[] };
    await new Deploy('ok').run(model, real);
    await new Deploy('ok').run(model, real);
  });
  afterEach(async () => {
    await proxy?.close();
    await w?.close();
  });

  /** Run `args` as a child process through the proxy; SIGKILL it when its `killAt`-th statement goes out. Returns the statements seen. */
  async function runKilled(args: string[], killAt: number): Promise<{ seen: number; killed: boolean; code: number }> {
    proxy.reset();
    // Readers keep querying the published views while the command runs and dies.
    const readers = readerLoop(w.url!);
    const child = await childCli(w, args, { DATABASE_URL: proxy.url });
    let killed = false;
    proxy.onStatement = (s) => {
      if (s.n === killAt) {
        killed = true;
        child.kill();
        return true;
      }
    };
    const r = await child.done;
    const seen = proxy.seen.length;
    proxy.reset();
    // Let the server notice the dropped connection and roll its transaction back before we look.
    await waitForBackendsGone(w);
    const rd = await readers.stop();
    const label = `${args.slice(0, 2).join(' ')} killed at statement ${killAt}`;
    if (rd.mixed.length) record(real, [{ invariant: 'readers', step: label, message: `a reader saw ${rd.mixed[0]} (${rd.mixed.length} of ${rd.reads} reads)` }]);
    if (rd.failed.length) record(real, [{ invariant: 'readers', step: label, message: `a reader failed: ${rd.failed[0]} (${rd.failed.length} of ${rd.reads} reads)` }]);
    return { seen, killed, code: r.code };
  }

  /** Judge the state right after a kill; a dead holder may keep the lock. */
  async function afterKill(label: string): Promise<void> {
    const pre = real.last;
    const post = await observe(w);
    real.last = post;
    real.stats.steps++;
    const found = judge(pre, post, { label, results: [], concurrent: true }).filter((v) => AFTER_KILL.includes(v.invariant));
    record(real, found);
  }

  /** The next commands converge: clear what the dead process left (workflow abort step, or on-call's unlock), then a fresh deploy goes LIVE. */
  async function convergeAfter(label: string): Promise<boolean> {
    const holder = real.last.lock?.holder;
    if (holder) {
      const isRollback = !real.last.events.some((e) => e.deployId === holder && e.status === 'STARTED');
      await step(real, `${label}: ${isRollback ? 'unlock' : 'abort'} ${holder}`, async () => [
        isRollback ? { cmd: 'unlock', r: await cli(w, ARGS.unlock()) } : { cmd: 'abort', r: await cli(w, ARGS.abort()) },
      ]);
    }
    const m = { ids: [] as string[] };
    await new Deploy('ok').run(m, real);
    const id = m.ids.at(-1);
    const ok = !!id && real.last.live === id && real.last.reader.markers.join() === id && !real.last.lock?.holder;
    if (!ok) record(real, [{ invariant: 'converge', step: `${label}: fresh deploy`, message: `after the kill, a fresh deploy did not go LIVE cleanly (live ${real.last.live}, readers ${real.last.reader.markers.join('+') || real.last.reader.error}, lock ${real.last.lock?.holder ?? 'free'})` }]);
    return ok;
  }

  async function killEvery(cmd: 'prepare' | 'cutover' | 'rollback', setup: () => Promise<string[]>, rerun?: (k: number) => Promise<void>) {
    // Probe: how many statements does the command send when nothing kills it?
    const probeArgs = await setup();
    const probe = await runKilled(probeArgs, Number.POSITIVE_INFINITY);
    expect(probe.code, `${cmd} without a kill`).toBe(0);
    real.last = await observe(w);
    await convergeAfter(`${cmd} probe`);
    const n = probe.seen;
    kills[cmd] = { statements: n, kills: 0, converged: 0, at: [] };
    expect(n).toBeGreaterThan(3);
    const from = real.violations.length;
    for (let k = 1 + Math.min(OFFSET, n - 1); k <= n; k += STRIDE) {
      const args = await setup();
      real.last = await observe(w);
      const r = await runKilled(args, k);
      expect(r.killed, `${cmd}: statement ${k} of ${n} was never sent`).toBe(true);
      kills[cmd].kills++;
      kills[cmd].at.push(k);
      fault(stats, `SIGKILL ${cmd}`);
      await afterKill(`SIGKILL ${cmd} at statement ${k}/${n}`);
      if (rerun) await rerun(k);
      if (await convergeAfter(`SIGKILL ${cmd} at ${k}/${n}`)) kills[cmd].converged++;
    }
    // Every invariant after every step: the kill, the rerun, the abort/unlock, the fresh deploy.
    expect(real.violations.slice(from).map((x) => `[${x.invariant}] ${x.step}: ${x.message}`)).toEqual([]);
  }

  it('deploy prepare: killed at every statement', async () => {
    await killEvery('prepare', async () => ARGS.prepare());
  }, 1_800_000);

  it('deploy cutover: killed at every statement; rerunning the cutover finishes it or says why not', async () => {
    let current: string | undefined;
    await killEvery(
      'cutover',
      async () => {
        const p = preparedFrom(await cli(w, ARGS.prepare()));
        expect(p, 'prepare before the cutover').toBeDefined();
        await build(w, p!, 'ok', real.log);
        current = p!.deployId;
        return ARGS.cutover(p!.deployId);
      },
      async (k) => {
        // The rerun a workflow re-run (or on-call) would make: it must finish the cutover or refuse without changing anything.
        const [x] = await step(real, `rerun cutover after SIGKILL at ${k}`, async () => [{ cmd: 'cutover', r: await cli(w, ARGS.cutover(current)) }]);
        if (x!.r!.code === 0) expect(real.last.live).toBe(current);
      },
    );
  }, 1_800_000);

  it('rollback: killed at every statement; a rerun rolls back at most once', async () => {
    await killEvery('rollback', async () => {
      // Make sure there is a previous deploy to go back to: one more deploy on top.
      await new Deploy('ok').run({ ids: [] }, real);
      return ARGS.rollback();
    });
  }, 1_800_000);
});

describePg(`rollback races (${RACES} trials each), readers running during the rollbacks`, () => {
  it('two rollbacks at once: consumers read what DEPLOY_STATE calls LIVE, nothing re-published, readers never see a mix', async () => {
    const failures: string[] = [];
    for (let i = 0; i < RACES; i++) {
      const w = await openWorld('pg', 'race2rb');
      try {
        const real = new Real(w, stats, new Set());
        real.last = await observe(w);
        stats.sequences++;
        const m = { ids: [] as string[] };
        for (let d = 0; d < 3; d++) await new Deploy('ok').run(m, real);
        await new Concurrent('rollback', 'rollback').run(m, real);
        failures.push(...real.violations.filter((v) => v.invariant !== 'converge').map((v) => `trial ${i + 1}: [${v.invariant}] ${v.step}: ${v.message}`));
      } finally {
        await w.close();
      }
    }
    expect(failures).toEqual([]);
  }, 1_800_000);

  it('rollback racing a cutover: one colour, audited, the lock released, readers undisturbed', async () => {
    const failures: string[] = [];
    for (let i = 0; i < RACES; i++) {
      const w = await openWorld('pg', 'racerbcut');
      try {
        const real = new Real(w, stats, new Set());
        real.last = await observe(w);
        stats.sequences++;
        const m: { ids: string[]; prepared?: ReturnType<typeof preparedFrom> } = { ids: [] };
        for (let d = 0; d < 2; d++) await new Deploy('ok').run(m as never, real);
        const p = preparedFrom(await cli(w, ARGS.prepare()));
        await build(w, p!, 'ok', real.log);
        real.last = await observe(w);
        m.prepared = p;
        await new Concurrent('rollback', 'cutover').run(m as never, real);
        failures.push(...real.violations.filter((v) => v.invariant !== 'converge').map((v) => `trial ${i + 1}: [${v.invariant}] ${v.step}: ${v.message}`));
      } finally {
        await w.close();
      }
    }
    expect(failures).toEqual([]);
  }, 1_800_000);
});

/** Wait until the server has no backend left for this database but the harness's own (killed ones are reaped). */
async function waitForBackendsGone(w: World): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await w.wh.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name NOT IN ('lifecycle-reader') AND backend_type = 'client backend' AND state <> 'idle'`);
    if (Number(rows[0]?.n ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

if (!pgUrl) process.stderr.write('note: process-kill and race tests need the PostgreSQL server (SLIPWAY_TEST_PG_URL).\n');

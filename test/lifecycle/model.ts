/**
 * The lifecycle model for fast-check's `commands`: each command drives the
 * real CLI, then every invariant of issue #13 is checked against what a
 * reader sees and what DEPLOY_STATE / DEPLOY_LOCK say.
 *
 * Invariants (ids used in the statistics and failure messages):
 *   one-colour   consumers read exactly one complete colour, built after its
 *                deploy's prepare (rows carry the deploy id they were built
 *                for), by the deploy DEPLOY_STATE calls LIVE
 *   truth        the reported outcome is the truth: exit 0 from cutover /
 *                rollback means readers now read the reported deploy; any
 *                other exit (and any other command) leaves readers as they were
 *   no-republish no ROLLED_BACK / FAILED deploy is published again unless a
 *                rollback named it with --to
 *   foreign      nothing Slipway did not create is dropped or moved
 *   audit        DEPLOY_STATE is append-only; every change readers see has its
 *                LIVE row; the deploy readers read is recorded LIVE (not FAILED)
 *   lock         after a command the lock is free, or held by the one deploy in
 *                progress, with an owner and an unexpired lease; no deploy is
 *                left in progress without the lock
 *   readers      readers running during a command never see two deploys and
 *                never fail once something is live (PostgreSQL server)
 *   converge     after any sequence, finishing in-flight work and a fresh
 *                deploy (prepare, build, cutover) succeeds and is what readers see
 */
import fc from 'fast-check';
import {
  build,
  childCli,
  cli,
  ENVIRONMENT,
  lastStatus,
  observe,
  readerLoop,
  RELATION_COUNT,
  type BuildKind,
  type BuildLog,
  type CliResult,
  type Observation,
  type Prepared,
  type World,
} from './harness.js';

export type Invariant = 'one-colour' | 'truth' | 'no-republish' | 'foreign' | 'audit' | 'lock' | 'readers' | 'converge';
export const INVARIANTS: Invariant[] = ['one-colour', 'truth', 'no-republish', 'foreign', 'audit', 'lock', 'readers', 'converge'];

export interface Violation {
  invariant: Invariant;
  step: string;
  message: string;
}

export interface Stats {
  sequences: number;
  steps: number;
  cliCommands: number;
  faults: Record<string, number>;
  violations: Record<Invariant, number>;
  /** First message per invariant (what broke). */
  examples: Partial<Record<Invariant, string>>;
}

export function newStats(): Stats {
  return { sequences: 0, steps: 0, cliCommands: 0, faults: {}, violations: Object.fromEntries(INVARIANTS.map((i) => [i, 0])) as Record<Invariant, number>, examples: {} };
}

export function fault(stats: Stats, what: string): void {
  stats.faults[what] = (stats.faults[what] ?? 0) + 1;
}

export interface Model {
  prepared?: Prepared;
  /** Every deploy id prepare handed out (targets for --to). */
  ids: string[];
}

export class Real {
  last!: Observation;
  readonly log: BuildLog = { seq: 0, history: [] };
  readonly violations: Violation[] = [];
  constructor(
    readonly w: World,
    readonly stats: Stats,
    readonly fatal: Set<Invariant>,
  ) {}
}

export interface Step {
  label: string;
  /** Commands run in this step (one, or two at once). */
  results: { cmd: 'prepare' | 'cutover' | 'abort' | 'rollback' | 'unlock' | 'build'; to?: string; r?: CliResult }[];
  concurrent?: boolean;
  readers?: { reads: number; mixed: string[]; failed: string[] };
}

/** Statuses of a deploy between prepare and its outcome (SWAPPING: a multi-schema cutover under way). */
const IN_PROGRESS = new Set(['STARTED', 'BUILT', 'CHECKED', 'SWAPPING']);

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Every invariant between two observations around one step. */
export function judge(pre: Observation, post: Observation, step: Step): Violation[] {
  const v: Violation[] = [];
  const add = (invariant: Invariant, message: string) => v.push({ invariant, step: step.label, message });
  const rd = post.reader;
  const show = (o: Observation) => (o.reader.ok ? `${o.reader.relations}/${RELATION_COUNT} views reading ${o.reader.markers.join('+') || 'no rows'} (${o.reader.colours.join('+')})` : `nothing readable (${o.reader.error})`);

  // one-colour
  if (post.live) {
    if (!rd.ok || rd.relations !== RELATION_COUNT || !same(rd.markers, [post.live]) || (post.liveColour && !same(rd.colours, [post.liveColour]))) {
      add('one-colour', `DEPLOY_STATE calls ${post.live} (${post.liveColour}) LIVE, but consumers read ${show(post)}`);
    }
  } else if (rd.ok) {
    add('one-colour', `no deploy is LIVE in DEPLOY_STATE, but consumers read ${show(post)}`);
  }

  // truth
  const preM = pre.reader.ok ? pre.reader.markers : [];
  const postM = rd.ok ? rd.markers : [];
  const changed = !same(preM, postM);
  const wins = step.results.filter((x) => x.r && x.r.code === 0 && (x.cmd === 'cutover' || x.cmd === 'rollback'));
  if (!step.concurrent) {
    const only = step.results[0];
    if (only && only.r && (only.cmd === 'cutover' || only.cmd === 'rollback')) {
      if (only.r.code === 0) {
        const claimed = only.cmd === 'cutover' ? only.r.json?.deployId : only.r.json?.rolledBackTo;
        if (!claimed || !same(postM, [claimed])) add('truth', `${only.cmd} exited 0 reporting ${claimed ?? '(no id in its JSON)'}, but consumers read ${show(post)}`);
      } else if (changed) add('truth', `${only.cmd} exited ${only.r.code} (${firstLine(only.r.err)}), but what consumers read changed: ${preM.join('+') || 'nothing'} → ${show(post)}`);
    } else if (changed) add('truth', `${step.label} changed what consumers read: ${preM.join('+') || 'nothing'} → ${show(post)}`);
  } else if (changed) {
    const claimed = wins.map((x) => (x.cmd === 'cutover' ? x.r!.json?.deployId : x.r!.json?.rolledBackTo)).filter(Boolean);
    if (!postM.every((m) => claimed.includes(m))) add('truth', `consumers now read ${show(post)}, which no command that exited 0 reported (reported: ${claimed.join(', ') || 'none'})`);
  }

  // no-republish
  const before = lastStatus(pre.events);
  const newlyLive = new Set<string>();
  if (post.live && post.live !== pre.live) newlyLive.add(post.live);
  for (const m of postM) if (!preM.includes(m)) newlyLive.add(m);
  for (const id of newlyLive) {
    const was = before.get(id);
    if (was === 'ROLLED_BACK' || was === 'FAILED') {
      const named = step.results.find((x) => x.cmd === 'rollback' && x.to === id && x.r?.code === 0);
      if (!named) add('no-republish', `deploy ${id} was ${was} and is published again by ${step.label} without --to ${id}`);
      // Named with --to: allowed, but loudly (the output says what it was).
      else if (!new RegExp(was, 'i').test(`${named.r!.err}\n${named.r!.out}`)) add('no-republish', `rollback --to ${id} re-published a ${was} deploy without saying so (no '${was}' in its output)`);
    }
  }

  // foreign
  for (const [name, present] of post.foreign) if (!present) add('foreign', `${name} (not created by Slipway) is gone from where it was`);

  // audit
  const prefixOk = pre.events.every((e, i) => post.events[i] && post.events[i]!.seq === e.seq && post.events[i]!.status === e.status && post.events[i]!.deployId === e.deployId);
  if (!prefixOk) add('audit', `DEPLOY_STATE rows were changed or deleted by ${step.label} (append-only expected)`);
  const appended = post.events.slice(pre.events.length);
  if (changed && rd.ok) {
    for (const m of postM) if (!appended.some((e) => e.status === 'LIVE' && e.deployId === m)) add('audit', `consumers now read ${m}, but ${step.label} wrote no LIVE row for it`);
  }
  const after = lastStatus(post.events);
  for (const m of postM) {
    const s = after.get(m);
    if (s && s !== 'LIVE') add('audit', `consumers read ${m}, but its last DEPLOY_STATE row says ${s}`);
  }

  // lock
  const lk = post.lock;
  const inProgress = [...after].filter(([, s]) => IN_PROGRESS.has(s)).map(([id]) => id);
  if (lk?.holder) {
    const hs = after.get(lk.holder);
    if (!lk.actor || !lk.expiresAt) add('lock', `the lock is held by ${lk.holder} without a clear owner (actor ${lk.actor ?? 'none'}, expires ${lk.expiresAt ?? 'never'})`);
    else if (lk.expired) add('lock', `the lock of ${lk.holder} has expired unnoticed`);
    if (!hs || !IN_PROGRESS.has(hs)) add('lock', `after ${step.label} the lock is still held by ${lk.holder}, whose status is ${hs ?? 'unrecorded'} (only a deploy in progress may hold it)`);
    const others = inProgress.filter((id) => id !== lk.holder);
    if (others.length) add('lock', `deploy(s) ${others.join(', ')} are still in progress without holding the lock`);
  } else if (inProgress.length) {
    add('lock', `deploy(s) ${inProgress.join(', ')} are left in progress while the lock is free`);
  }

  // readers during the step
  if (step.readers) {
    if (step.readers.mixed.length) add('readers', `a reader saw ${step.readers.mixed[0]} during ${step.label} (${step.readers.mixed.length} of ${step.readers.reads} reads)`);
    if (step.readers.failed.length) add('readers', `a reader failed during ${step.label}: ${step.readers.failed[0]} (${step.readers.failed.length} of ${step.readers.reads} reads)`);
  }
  return v;
}

export function firstLine(s: string): string {
  return (s.split('\n').find((l) => l.trim()) ?? '').slice(0, 240);
}

/** Run one step: the CLI command(s), a reader loop alongside (PostgreSQL server), observe, judge, and fail on a fatal invariant. */
export async function step(real: Real, label: string, body: () => Promise<Step['results']>, concurrent = false): Promise<Step['results']> {
  const loop = real.w.url ? readerLoop(real.w.url) : undefined;
  let results: Step['results'];
  let readers: Step['readers'];
  try {
    results = await body();
  } finally {
    readers = await loop?.stop();
  }
  real.stats.steps++;
  real.stats.cliCommands += results.filter((r) => r.r).length;
  const pre = real.last;
  const post = await observe(real.w);
  real.last = post;
  const found = judge(pre, post, { label, results, concurrent, readers });
  record(real, found);
  return results;
}

export function record(real: Real, found: Violation[]): void {
  for (const f of found) {
    real.violations.push(f);
    real.stats.violations[f.invariant]++;
    real.stats.examples[f.invariant] ??= `${f.step}: ${f.message}`;
  }
  const fatal = found.filter((f) => real.fatal.has(f.invariant));
  if (fatal.length) throw new Error(fatal.map((f) => `[${f.invariant}] after ${f.step}: ${f.message}`).join('\n'));
}

// ---------------------------------------------------------------------------
// CLI invocations, the way the workflows call them.
// ---------------------------------------------------------------------------
export const ARGS = {
  prepare: () => ['deploy', 'prepare', '--environment', ENVIRONMENT, '--schemas', 'analytics,marts', '--format', 'json', '--actor', 'lifecycle'],
  cutover: (id?: string) => ['deploy', 'cutover', '--environment', ENVIRONMENT, '--format', 'json', '--row-count-tolerance', 'none', '--actor', 'lifecycle', ...(id ? ['--deploy-id', id] : [])],
  abort: (id?: string) => ['deploy', 'abort', '--environment', ENVIRONMENT, '--reason', 'the build failed', '--actor', 'lifecycle', '--format', 'json', ...(id ? ['--deploy-id', id] : [])],
  rollback: (to?: string) => ['rollback', '--environment', ENVIRONMENT, '--reason', 'INC-13 on-call rollback', '--actor', 'oncall', '--format', 'json', ...(to ? ['--to', to] : [])],
  unlock: () => ['deploy', 'unlock', '--environment', ENVIRONMENT, '--reason', 'runner lost', '--actor', 'oncall', '--format', 'json'],
};

export function preparedFrom(r: CliResult): Prepared | undefined {
  const j = r.json;
  if (r.code !== 0 || !j?.deployId) return undefined;
  return { deployId: j.deployId, colour: j.colour, schemas: j.schemas, published: j.publishedSchemas ?? ['analytics', 'marts'] };
}

type Cmd = fc.AsyncCommand<Model, Real>;

export class Prepare implements Cmd {
  check = () => true;
  async run(m: Model, real: Real) {
    const [x] = await step(real, this.toString(), async () => [{ cmd: 'prepare', r: await cli(real.w, ARGS.prepare()) }]);
    const p = preparedFrom(x!.r!);
    if (p) {
      m.prepared = p;
      m.ids.push(p.deployId);
    }
  }
  toString = () => 'prepare';
}

export class Build implements Cmd {
  constructor(readonly kind: BuildKind) {}
  check = (m: Readonly<Model>) => !!m.prepared;
  async run(m: Model, real: Real) {
    // The workflow builds only for its own deploy in progress; rebuilding a colour after its deploy finished
    // (e.g. the LIVE one) is not a lifecycle step — dbt's DROP … CASCADE would take the published views with it.
    if (real.last.lock?.holder !== m.prepared!.deployId) return;
    await step(real, this.toString(), async () => {
      const done = await build(real.w, m.prepared!, this.kind, real.log);
      if (done !== 'ok') fault(real.stats, `build ${done}`);
      return [{ cmd: 'build' }];
    });
  }
  toString = () => `build ${this.kind}`;
}

export class Cutover implements Cmd {
  check = (m: Readonly<Model>) => !!m.prepared;
  async run(m: Model, real: Real) {
    await step(real, this.toString(), async () => [{ cmd: 'cutover', r: await cli(real.w, ARGS.cutover(m.prepared?.deployId)) }]);
  }
  toString = () => 'cutover';
}

export class Abort implements Cmd {
  check = (m: Readonly<Model>) => !!m.prepared;
  async run(m: Model, real: Real) {
    fault(real.stats, 'abort');
    await step(real, this.toString(), async () => [{ cmd: 'abort', r: await cli(real.w, ARGS.abort(m.prepared?.deployId)) }]);
  }
  toString = () => 'abort';
}

export class Rollback implements Cmd {
  check = () => true;
  async run(_m: Model, real: Real) {
    await step(real, this.toString(), async () => [{ cmd: 'rollback', r: await cli(real.w, ARGS.rollback()) }]);
  }
  toString = () => 'rollback';
}

export class RollbackTo implements Cmd {
  constructor(readonly k: number) {}
  check = (m: Readonly<Model>) => m.ids.length > 0;
  private to?: string;
  async run(m: Model, real: Real) {
    const to = m.ids[this.k % m.ids.length]!;
    this.to = to;
    await step(real, this.toString(), async () => [{ cmd: 'rollback', to, r: await cli(real.w, ARGS.rollback(to)) }]);
  }
  toString = () => `rollback --to <deploy #${this.k}${this.to ? ` = ${this.to}` : ''}>`;
}

export class Unlock implements Cmd {
  check = () => true;
  async run(_m: Model, real: Real) {
    fault(real.stats, 'unlock');
    await step(real, this.toString(), async () => [{ cmd: 'unlock', r: await cli(real.w, ARGS.unlock()) }]);
  }
  toString = () => 'unlock';
}

/**
 * One run of the deploy workflow: prepare, the dbt build (of the given kind),
 * cutover, and the abort step when the cutover did not happen. Each part is
 * a step of its own (judged on its own).
 */
export class Deploy implements Cmd {
  constructor(readonly kind: BuildKind) {}
  check = () => true;
  async run(m: Model, real: Real) {
    await new Prepare().run(m, real);
    const p = real.last.lock?.holder && m.prepared?.deployId === real.last.lock.holder ? m.prepared : undefined;
    if (!p) return;
    await new Build(this.kind).run(m, real);
    const [c] = await step(real, `cutover (after build ${this.kind})`, async () => [{ cmd: 'cutover', r: await cli(real.w, ARGS.cutover(p.deployId)) }]);
    if (c!.r!.code !== 0) {
      fault(real.stats, 'workflow abort step');
      await step(real, 'abort (workflow step after a failed cutover)', async () => [{ cmd: 'abort', r: await cli(real.w, ARGS.abort(p.deployId)) }]);
    }
  }
  toString = () => `deploy(${this.kind})`;
}

export type Actor = 'prepare' | 'cutover' | 'abort' | 'rollback' | 'unlock';

/** Two actors at once (two workflow runs, or a run and on-call), each a separate CLI process. */
export class Concurrent implements Cmd {
  constructor(
    readonly a: Actor,
    readonly b: Actor,
  ) {}
  check = (m: Readonly<Model>) => (this.a !== 'cutover' && this.b !== 'cutover' && this.a !== 'abort' && this.b !== 'abort') || !!m.prepared;
  async run(m: Model, real: Real) {
    fault(real.stats, `concurrent ${this.a} ‖ ${this.b}`);
    const argv = (x: Actor) => (x === 'prepare' ? ARGS.prepare() : x === 'cutover' ? ARGS.cutover(m.prepared?.deployId) : x === 'abort' ? ARGS.abort(m.prepared?.deployId) : x === 'rollback' ? ARGS.rollback() : ARGS.unlock());
    const results = await step(
      real,
      this.toString(),
      async () => {
        const [ca, cb] = await Promise.all([childCli(real.w, argv(this.a)), childCli(real.w, argv(this.b))]);
        const [ra, rb] = await Promise.all([ca.done, cb.done]);
        return [
          { cmd: this.a, r: ra },
          { cmd: this.b, r: rb },
        ];
      },
      true,
    );
    for (const x of results) {
      if (x.cmd !== 'prepare') continue;
      const p = preparedFrom(x.r!);
      if (p) {
        m.prepared = p;
        m.ids.push(p.deployId);
      }
    }
  }
  toString = () => `concurrently { ${this.a} ‖ ${this.b} }`;
}

export interface CommandMix {
  build?: BuildKind[];
  rollback?: number;
  rollbackTo?: number;
  concurrent?: [Actor, Actor][];
  abort?: number;
  unlock?: number;
}

export function commandArbs(mix: CommandMix): fc.Arbitrary<Cmd>[] {
  const arbs: fc.Arbitrary<Cmd>[] = [fc.constant(new Prepare()), fc.constant(new Cutover())];
  for (const k of mix.build ?? ['ok']) arbs.push(fc.constant(new Build(k)));
  const w = (n: number | undefined, a: fc.Arbitrary<Cmd>) => {
    for (let i = 0; i < (n ?? 0); i++) arbs.push(a);
  };
  // Whole workflow runs are the common case: weigh them up so sequences reach second and third deploys.
  w(3, fc.constant(new Deploy('ok')));
  for (const k of mix.build ?? []) if (k !== 'ok') arbs.push(fc.constant(new Deploy(k)));
  w(mix.rollback, fc.constant(new Rollback()));
  w(mix.rollbackTo, fc.nat({ max: 7 }).map((k) => new RollbackTo(k)));
  w(mix.abort, fc.constant(new Abort()));
  w(mix.unlock, fc.constant(new Unlock()));
  // Two actors at once is what the concurrency property is about: weigh each pair like a whole deploy.
  for (const [a, b] of mix.concurrent ?? []) w(2, fc.constant(new Concurrent(a, b)));
  return arbs;
}

/**
 * Reruns converge: finish what a sequence left (abort a deploy holding the
 * lock, as the workflow's abort step would), then a fresh deploy must go
 * LIVE and be what consumers read.
 */
export async function converge(real: Real, m: Model): Promise<void> {
  const w = real.w;
  const holder = real.last.lock?.holder;
  if (holder) await step(real, `converge: abort ${holder}`, async () => [{ cmd: 'abort', r: await cli(w, ARGS.abort(holder)) }]);
  let prepared: Prepared | undefined;
  await step(real, 'converge: prepare', async () => {
    const r = await cli(w, ARGS.prepare());
    prepared = preparedFrom(r);
    return [{ cmd: 'prepare', r }];
  });
  if (!prepared) {
    record(real, [{ invariant: 'converge', step: 'converge: prepare', message: `a fresh prepare after the sequence failed: ${firstLine(real.last.lock?.holder ? `lock held by ${real.last.lock.holder}` : '')}` }]);
    return;
  }
  m.ids.push(prepared.deployId);
  await step(real, 'converge: build ok', async () => {
    await build(w, prepared!, 'ok', real.log);
    return [{ cmd: 'build' }];
  });
  const [c] = await step(real, 'converge: cutover', async () => [{ cmd: 'cutover', r: await cli(w, ARGS.cutover(prepared!.deployId)) }]);
  const adoptable = w.foreign.some((f) => f.startsWith('analytics.'));
  if (c!.r!.code !== 0 && !adoptable) {
    record(real, [{ invariant: 'converge', step: 'converge: cutover', message: `a fresh, fully built deploy could not go LIVE after the sequence: exit ${c!.r!.code}: ${firstLine(c!.r!.err)}` }]);
  } else if (c!.r!.code === 0 && !same(real.last.reader.markers, [prepared.deployId])) {
    record(real, [{ invariant: 'converge', step: 'converge: cutover', message: `the fresh deploy ${prepared.deployId} went LIVE but consumers read ${real.last.reader.markers.join('+')}` }]);
  }
}

/** Run a fixed sequence (a minimal counterexample, spelled out) in a fresh world; returns every violation seen. */
export async function runScenario(
  w: World,
  stats: Stats,
  cmds: Cmd[],
  opts: { fatal?: Invariant[]; converge?: boolean } = {},
): Promise<{ violations: Violation[]; model: Model; real: Real }> {
  const real = new Real(w, stats, new Set(opts.fatal ?? []));
  real.last = await observe(w);
  const model: Model = { ids: [] };
  stats.sequences++;
  for (const c of cmds) if (c.check(model)) await c.run(model, real);
  if (opts.converge) await converge(real, model);
  return { violations: real.violations, model, real };
}

/**
 * Model-based property tests of the blue-green deploy lifecycle (issue #13):
 * random sequences of prepare / build (ok, failing, skipped, stale) /
 * cutover / abort / rollback / rollback --to / unlock / two actors at once,
 * through the real CLI, each sequence in its own database on the real
 * PostgreSQL server (and sequentially on PGlite), with every invariant of
 * ./model.ts checked after every step against what a reader sees.
 *
 * Each test makes a few invariants fatal (fast-check then shrinks to a minimal
 * sequence) and counts the others. Runs are modest because the machine is
 * shared: LIFECYCLE_RUNS=<n> runs more sequences per property,
 * LIFECYCLE_STEPS=<n> allows longer ones, LIFECYCLE_SEED=<n> replays.
 * The figures (sequences, steps, faults, violations) are printed at the end.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { describePg, pgUrl } from '../helpers/pg.js';
import { observe, openWorld, plantForeign } from './harness.js';
import { commandArbs, converge, INVARIANTS, newStats, Real, type CommandMix, type Invariant, type Model, type Stats } from './model.js';

const RUNS = Number(process.env.LIFECYCLE_RUNS ?? 3);
const STEPS = Number(process.env.LIFECYCLE_STEPS ?? 10);
const SEED = process.env.LIFECYCLE_SEED ? Number(process.env.LIFECYCLE_SEED) : undefined;
/** Time fast-check may spend shrinking a failure (the minimal sequence goes into the failure message). */
const SHRINK_MS = Number(process.env.LIFECYCLE_SHRINK_MS ?? 120_000);

const all: { name: string; stats: Stats; verdict: string }[] = [];

interface PropertyCase {
  name: string;
  fatal: Invariant[];
  mix: CommandMix;
  /** Plant objects Slipway did not create (always, never, or at random). */
  foreign?: 'always' | 'random';
  backend?: 'pg' | 'pglite';
  runs?: number;
  steps?: number;
}

async function property(c: PropertyCase): Promise<void> {
  const stats = newStats();
  const backend = c.backend ?? 'pg';
  const fatal = new Set(c.fatal);
  // Bound the shrinking: once a sequence failed, candidates tried after SHRINK_MS count as passing, so fast-check keeps the smallest failure found by then.
  let failedAt: number | undefined;
  const prop = fc.asyncProperty(
    fc.commands(commandArbs(c.mix), { maxCommands: c.steps ?? STEPS, size: 'max' }),
    c.foreign === 'always' ? fc.constant(true) : c.foreign === 'random' ? fc.boolean() : fc.constant(false),
    fc.boolean(),
    async (cmds, foreign, inPublished) => {
      if (failedAt !== undefined && Date.now() - failedAt > SHRINK_MS) return;
      stats.sequences++;
      const w = await openWorld(backend, c.name.slice(0, 12));
      try {
        if (foreign) {
          await plantForeign(w, { inPublished });
          stats.faults['foreign objects planted'] = (stats.faults['foreign objects planted'] ?? 0) + w.foreign.length;
        }
        const real = new Real(w, stats, fatal);
        real.last = await observe(w);
        const model: Model = { ids: [] };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        await converge(real, model);
      } catch (err) {
        failedAt ??= Date.now();
        throw err;
      } finally {
        await w.close();
      }
    },
  );
  const out = await fc.check(prop, { numRuns: c.runs ?? RUNS, seed: SEED, verbose: 0 });
  let verdict = 'pass';
  if (out.failed) {
    const ex = out.counterexample?.[0] as unknown as { toString(): string } | undefined;
    verdict = `FAILED after ${out.numShrinks} shrink(s), seed ${out.seed}, path "${out.counterexample ? out.counterexamplePath : ''}":\n    minimal sequence: [${(ex?.toString() ?? '?').replace(/\/\*replayPath="[^"]*"\*\/\s*/, '')}] then converge (abort the lock holder, prepare, build ok, cutover)${out.counterexample?.[1] ? ` (with foreign objects${out.counterexample[2] ? ' in the published schema' : ''})` : ''}\n    ${String((out.errorInstance as Error | undefined)?.message ?? out.errorInstance).split('\n').join('\n    ')}`;
  }
  all.push({ name: `${c.name} [${backend}]`, stats, verdict });
  expect(verdict, `${c.name}: ${verdict}`).toBe('pass');
}

function report(): void {
  if (!all.length) return;
  const lines = ['', '=== deploy lifecycle model (issue #13) ==='];
  const total = newStats();
  for (const { name, stats, verdict } of all) {
    lines.push(`- ${name}: ${stats.sequences} sequence(s), ${stats.steps} step(s), ${stats.cliCommands} CLI command(s) → ${verdict.split('\n')[0]}`);
    if (verdict !== 'pass') lines.push(...verdict.split('\n').slice(1).map((l) => `  ${l}`));
    const faults = Object.entries(stats.faults).map(([k, n]) => `${k} ×${n}`);
    if (faults.length) lines.push(`    faults: ${faults.join(', ')}`);
    const viol = INVARIANTS.filter((i) => stats.violations[i]).map((i) => `${i} ×${stats.violations[i]}`);
    lines.push(`    invariant violations: ${viol.length ? viol.join(', ') : '0'}`);
    for (const i of INVARIANTS) if (stats.examples[i]) lines.push(`      first ${i}: ${stats.examples[i]}`);
    total.sequences += stats.sequences;
    total.steps += stats.steps;
    total.cliCommands += stats.cliCommands;
    for (const [k, n] of Object.entries(stats.faults)) total.faults[k] = (total.faults[k] ?? 0) + n;
    for (const i of INVARIANTS) total.violations[i] += stats.violations[i];
  }
  const faultCount = Object.values(total.faults).reduce((a, b) => a + b, 0);
  const violCount = INVARIANTS.reduce((a, i) => a + total.violations[i], 0);
  lines.push(`TOTAL: ${total.sequences} sequences, ${total.steps} steps, ${total.cliCommands} CLI commands, ${faultCount} faults injected, ${violCount} invariant violations`);
  process.stdout.write(lines.join('\n') + '\n');
}

afterAll(report);

const LONG = { timeout: SHRINK_MS + 900_000 };
const BUILDS = ['ok', 'failing', 'skipped', 'stale'] as const;

describePg(`deploy lifecycle model on the PostgreSQL server (${RUNS} sequences of up to ${STEPS} steps per property)`, () => {
  it(
    'consumers read exactly one complete colour, built after its prepare, by the deploy DEPLOY_STATE calls LIVE; exit codes tell the truth',
    LONG,
    () => property({ name: 'one-colour', fatal: ['one-colour', 'truth'], mix: { build: [...BUILDS], abort: 1, unlock: 1, rollback: 1 } }),
  );

  it(
    'a rollback never re-publishes a ROLLED_BACK or FAILED deploy unless --to names it',
    LONG,
    () => property({ name: 'no-republish', fatal: ['no-republish'], mix: { build: ['ok', 'failing'], rollback: 3, rollbackTo: 1, abort: 1 } }),
  );

  it(
    'nothing Slipway did not create is dropped or moved (a hand-made table in the published schema, a sandbox schema)',
    LONG,
    () => property({ name: 'foreign', fatal: ['foreign'], mix: { build: ['ok'], rollback: 1 }, foreign: 'always' }),
  );

  it(
    'every transition is audited; the lock is free or held by the one deploy in progress, with an owner and a lease',
    LONG,
    () => property({ name: 'audit-lock', fatal: ['audit', 'lock'], mix: { build: [...BUILDS], rollback: 2, rollbackTo: 1, abort: 1, unlock: 1 } }),
  );

  it(
    'two actors at once (rollback ‖ rollback, rollback ‖ cutover, prepare ‖ prepare, prepare ‖ rollback, cutover ‖ abort): one colour, no re-publish, audited, readers undisturbed',
    LONG,
    () =>
      property({
        name: 'concurrent',
        fatal: ['one-colour', 'no-republish', 'audit', 'lock', 'readers'],
        mix: {
          build: ['ok'],
          rollback: 1,
          concurrent: [
            ['rollback', 'rollback'],
            ['rollback', 'cutover'],
            ['prepare', 'prepare'],
            ['prepare', 'rollback'],
            ['cutover', 'abort'],
          ],
        },
        steps: Math.min(STEPS, 8),
        runs: RUNS,
      }),
  );

  it(
    'reruns converge: after any sequence, a fresh deploy goes LIVE and is what consumers read',
    LONG,
    () => property({ name: 'converge', fatal: ['converge'], mix: { build: [...BUILDS], rollback: 2, rollbackTo: 1, abort: 1, unlock: 1 }, foreign: 'random' }),
  );
});

describe('deploy lifecycle model on PGlite (sequential: PGlite has one connection)', () => {
  it(
    'every invariant after every step, through the CLI on a PGlite data dir',
    LONG,
    () =>
      property({
        name: 'pglite',
        backend: 'pglite',
        fatal: ['one-colour', 'truth', 'no-republish', 'foreign', 'audit', 'lock', 'converge'],
        mix: { build: [...BUILDS], rollback: 2, rollbackTo: 1, abort: 1, unlock: 1 },
        runs: Number(process.env.LIFECYCLE_PGLITE_RUNS ?? 1),
        steps: Math.min(STEPS, 8),
      }),
  );
});

if (!pgUrl) process.stderr.write('note: lifecycle model tests on the PostgreSQL server are skipped (no SLIPWAY_TEST_PG_URL); the PGlite model still runs.\n');

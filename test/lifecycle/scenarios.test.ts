/**
 * The findings of issue #13 as minimal sequences, through the real CLI on the
 * real PostgreSQL server (PGlite without one), each judged by every invariant
 * of ./model.ts after every step. These are the shrunk counterexamples of the
 * model-based test, spelled out so a regression names its finding.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { pgUrl } from '../helpers/pg.js';
import { cli, openWorld, plantForeign, type World } from './harness.js';
import { ARGS, Deploy, newStats, Rollback, runScenario, step, type Invariant, type Violation } from './model.js';

const backend = pgUrl ? 'pg' : 'pglite';
const stats = newStats();
const worlds: World[] = [];
async function world(label: string): Promise<World> {
  const w = await openWorld(backend, label);
  worlds.push(w);
  return w;
}
afterAll(async () => {
  for (const w of worlds) await w.close();
  process.stdout.write(`\n=== #13 scenarios [${backend}]: ${stats.sequences} sequences, ${stats.steps} steps, ${stats.cliCommands} CLI commands, violations: ${JSON.stringify(Object.fromEntries(Object.entries(stats.violations).filter(([, n]) => n)))}\n`);
});

const only = (vs: Violation[], ...inv: Invariant[]) => vs.filter((v) => inv.includes(v.invariant)).map((v) => `[${v.invariant}] after ${v.step}: ${v.message}`);

describe(`#13 findings as minimal sequences (${backend === 'pg' ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('1. rolling back twice does not re-publish the rolled-back deploy: deploy, deploy, rollback, rollback', async () => {
    const w = await world('twice');
    const { violations, real } = await runScenario(w, stats, [new Deploy('ok'), new Deploy('ok'), new Rollback(), new Rollback()]);
    expect(only(violations, 'no-republish', 'one-colour', 'truth')).toEqual([]);
    expect(real.last.reader.markers).toHaveLength(1);
  });

  it('3. cutover refuses a colour this deploy never built: deploy, deploy, deploy with the stale artifacts of the earlier build', async () => {
    const w = await world('stale');
    const { violations } = await runScenario(w, stats, [new Deploy('ok'), new Deploy('ok'), new Deploy('stale')]);
    expect(only(violations, 'one-colour', 'truth', 'audit')).toEqual([]);
  });

  it('3. cutover refuses when the build was skipped (fresh manifest, no run_results): deploy, deploy, deploy(skipped)', async () => {
    const w = await world('skipped');
    const { violations } = await runScenario(w, stats, [new Deploy('ok'), new Deploy('ok'), new Deploy('skipped')]);
    expect(only(violations, 'one-colour', 'truth', 'audit')).toEqual([]);
  });

  it('3. cutover refuses a failing build (run_results errors, half the tables replaced), and the abort step leaves consumers where they were', async () => {
    const w = await world('failing');
    const { violations, real } = await runScenario(w, stats, [new Deploy('ok'), new Deploy('failing')], { converge: true });
    expect(only(violations, 'one-colour', 'truth', 'audit', 'lock', 'converge')).toEqual([]);
    expect(real.last.lock?.holder ?? null).toBeNull();
  });

  it('4. adopting Slipway over an existing production schema loses nothing: a hand-made table in the published schema, deploy, deploy', async () => {
    const w = await world('adopt');
    await plantForeign(w, { inPublished: true });
    const { violations } = await runScenario(w, stats, [new Deploy('ok'), new Deploy('ok')]);
    expect(only(violations, 'foreign')).toEqual([]);
  });

  it('8. an abort after a successful cutover (a later workflow step failed) tells the truth and leaves the LIVE deploy alone', async () => {
    const w = await world('abortlive');
    const { real, model } = await runScenario(w, stats, [new Deploy('ok'), new Deploy('ok')]);
    const live = real.last.live!;
    expect(model.ids).toContain(live);
    const [x] = await step(real, `abort --deploy-id ${live} (LIVE)`, async () => [{ cmd: 'abort', r: await cli(w, ARGS.abort(live)) }]);
    expect(only(real.violations, 'one-colour', 'truth', 'audit', 'lock')).toEqual([]);
    // Nothing to abort is not a failure: exit 0 and say the deploy is LIVE (a failing abort step would fail a deploy that succeeded).
    expect({ code: x!.r!.code, err: x!.r!.err.split('\n')[0] }).toMatchObject({ code: 0 });
    expect(real.last.live).toBe(live);
  });
});

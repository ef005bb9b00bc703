/**
 * State follows LIVE (#13 item 10), end to end through the CLI: two deploys
 * each save their state the way the deploy workflow does, a rollback makes
 * the first one live again, and slim CI — given the manifest SHA-256 that
 * DEPLOY_STATE records for the live deploy — restores the first deploy's
 * manifest, although the newest commit's state is the rolled-back one.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgUrl } from '../helpers/pg.js';
import { build, cli, ENVIRONMENT, openWorld, type World } from './harness.js';
import { ARGS, preparedFrom } from './model.js';

describe(`state follows LIVE after a rollback (${pgUrl ? 'PostgreSQL server' : 'PGlite'})`, () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld(pgUrl ? 'pg' : 'pglite', 'statelive');
  });
  afterAll(async () => w?.close());

  it('slim CI restores the manifest of the deploy consumers read, not the newest commit\'s', async () => {
    const cache = ['--backend', 'local', '--cache-dir', join(w.projectDir, 'cache'), '--state-dir', join(w.projectDir, 'state'), '--target', 'prod'];
    const log = { seq: 0, history: [] };
    const deploy = async (sha: string) => {
      const p = preparedFrom(await cli(w, ARGS.prepare()));
      expect(p).toBeDefined();
      await build(w, p!, 'ok', log);
      const c = await cli(w, ARGS.cutover(p!.deployId));
      expect(c.code, c.err).toBe(0);
      const s = await cli(w, ['state', 'save', ...cache, '--sha', sha, '--format', 'json']);
      expect(s.code, s.err).toBe(0);
      return { deployId: p!.deployId, manifestSha256: s.json.manifestSha256 as string, key: s.json.key as string };
    };
    const a = await deploy('a'.repeat(40));
    const b = await deploy('b'.repeat(40));
    const rb = await cli(w, ARGS.rollback());
    expect(rb.code, rb.err).toBe(0);
    expect(rb.json.rolledBackTo).toBe(a.deployId);

    const status = await cli(w, ['deploy', 'status', '--environment', ENVIRONMENT, '--format', 'json']);
    expect(status.json.live.deployId).toBe(a.deployId);
    const liveSha = status.json.live.manifestSha256 as string;
    // DEPLOY_STATE recorded the manifest the cutover read, which is the file the state was saved from.
    expect(liveSha).toBe(a.manifestSha256);

    // A PR based on main (b's commit): by commit alone, slim CI would compare against the rolled-back deploy.
    const byCommit = await cli(w, ['state', 'restore', ...cache, '--prefer-sha', 'b'.repeat(40), '--format', 'json'], { projectDir: false });
    expect(byCommit.json.manifestSha256).toBe(b.manifestSha256);
    const followed = await cli(w, ['state', 'restore', ...cache, '--prefer-sha', 'b'.repeat(40), '--live-manifest-sha', liveSha, '--format', 'json'], { projectDir: false });
    expect(followed.code, followed.err).toBe(0);
    expect(followed.json).toMatchObject({ source: 'cache', manifestSha256: a.manifestSha256, liveMismatch: false, sha: 'a'.repeat(40) });
    expect(followed.json.key).toBe(`slipway-live-state-prod-${a.manifestSha256}`);
  });
});

/** The opt-in live-state check: DEPLOY_STATE's manifest SHA-256, best effort, never failing the job. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { liveManifestSha } from '../../shared/slim-ci/live.js';
import { tempDir } from './helpers.js';
import { deploySqlFor } from '../../shared/dialects/deploy.js';
import { adminNames, ensureAdmin, eventValues } from '../../shared/deploy/state.js';
import { runStatement } from '../../shared/warehouse/run.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  tmp = await tempDir('live');
});
afterAll(async () => tmp.cleanup());

describe('liveManifestSha', () => {
  it('a warehouse that was never deployed to: no SHA, an info line, no warning', async () => {
    const project = join(tmp.dir, 'p');
    await mkdir(project, { recursive: true });
    await writeFile(join(project, 'dbt_project.yml'), 'name: demo\nprofile: demo\n');
    await writeFile(join(project, 'profiles.yml'), 'demo:\n  target: ci\n  outputs:\n    ci:\n      type: pglite\n      path: memory\n');
    const lines: string[] = [];
    const rt = new CliRuntime({ write: (l) => lines.push(l) });
    expect(await liveManifestSha({ environment: 'production', projectDir: project, profilesDir: project, rt })).toBeUndefined();
    expect(rt.annotations).toEqual([]);
    expect(lines.join('\n')).toMatch(/No live deployment of production is recorded/);
  });

  it('an unreachable table (no profile) is a warning, not a failure', async () => {
    const rt = new CliRuntime({ write: () => {} });
    expect(await liveManifestSha({ environment: 'production', projectDir: join(tmp.dir, 'nowhere'), profilesDir: join(tmp.dir, 'nowhere'), rt })).toBeUndefined();
    expect(rt.annotations.some((a) => a.level === 'warning' && /live-state check is skipped/.test(a.message))).toBe(true);
  });
});

describePg('liveManifestSha on a real server', () => {
  it('with no dbt profile, connects the way every command does (DATABASE_URL) and reads the LIVE deploy\'s manifest SHA-256', async () => {
    const db = await freshPgDatabase('live_sha');
    try {
      const sql = await deploySqlFor('postgres');
      const a = adminNames('postgres', {});
      await ensureAdmin(db.warehouse, sql, a);
      await runStatement(db.warehouse, sql.insertEvent(a, eventValues({ deploy_id: 'd1', environment: 'production', status: 'LIVE', colour: 'blue', actor: 'merge-bot', manifest_sha256: 'a'.repeat(64) })));
      const project = join(tmp.dir, 'no-profile');
      await mkdir(project, { recursive: true });
      const rt = new CliRuntime({ write: () => {} });
      const sha = await liveManifestSha({ environment: 'production', projectDir: project, env: { DATABASE_URL: db.url }, rt });
      expect(rt.annotations).toEqual([]);
      expect(sha).toBe('a'.repeat(64));
    } finally {
      await db.drop();
    }
  });
});

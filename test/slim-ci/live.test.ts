/** The opt-in live-state check: DEPLOY_STATE's manifest SHA-256, best effort, never failing the job. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { liveManifestSha } from '../../shared/slim-ci/live.js';
import { tempDir } from './helpers.js';

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

/**
 * The README's first command, as a user runs it: `npm run demo` plays the
 * whole lifecycle on the embedded warehouse, checks its own story (it exits 1
 * when anything does not happen as narrated) and writes the Markdown it would
 * post. Runs in a temporary folder; needs nothing outside the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures.js';

describe('npm run demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plays the lifecycle end to end and writes what it would post', () => {
    const r = spawnSync('npm', ['run', '-s', 'demo'], {
      cwd: repoRoot,
      encoding: 'utf8',
      // The stand-in path (real dbt is covered by demo-realdbt.test.ts), even where dbt is on PATH.
      env: { ...process.env, SLIPWAY_DEMO_DIR: dir, NO_COLOR: '1', SLIPWAY_DBT: 'standin' },
      // A bound for a hung demo only: two suites at once on 2 cores can make it take several minutes.
      timeout: 1_500_000,
    });
    const output = r.stdout + r.stderr;
    expect(r.status, output.slice(-3000)).toBe(0);
    expect(output).toContain('not dbt');
    expect(output.match(/Stand-ins, said once/g)).toHaveLength(1);
    expect(output).not.toContain('Running with dbt=');
    // The stand-in names the colour schemas as dbt-postgres does (quoted: the case dbt rendered).
    expect(output).toMatch(/dbt build \(demo stand-in, not dbt\) of 1-main into analytics__BLUE/);
    expect(output).toMatch(/cutover refused; analytics\.orders still has 400 rows/);
    expect(output).toMatch(/gate failed as it should/);
    expect(output).toMatch(/Rolled back production/);
    for (const f of ['pr-42-comment.md', 'pr-42-slim-ci-summary.md', 'deploy-2-pr-42-cutover.md', 'freshness-2-stale.md', 'sweep-summary.md']) {
      expect(existsSync(join(dir, 'out', f)), f).toBe(true);
    }
    const comment = readFileSync(join(dir, 'out', 'pr-42-comment.md'), 'utf8');
    expect(comment).toContain('`model.shop.orders` | model | body');
  }, 1_560_000);
});

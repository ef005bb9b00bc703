/**
 * `npm run demo` with real dbt (issue 12, item 6): dbt found through
 * SLIPWAY_DBT (as a user with dbt on PATH would have it found), building on a
 * throwaway local PostgreSQL; the demo shows dbt's own output lines and does
 * not mention the stand-in. Part of the real-dbt tier: skipped, saying why,
 * without dbt or PostgreSQL binaries.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeDbt, realDbt, repoRoot } from '../helpers/dbt.js';

describeDbt('npm run demo with real dbt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-demo-realdbt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs dbt itself, shows its output, and plays the same story', () => {
    const r = spawnSync('npm', ['run', '-s', 'demo'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, SLIPWAY_DEMO_DIR: dir, NO_COLOR: '1', SLIPWAY_DBT: realDbt().bin, SLIPWAY_DEMO_PG_URL: process.env.SLIPWAY_TEST_PG_URL },
      // A bound for a hung demo only: with real dbt under a busy machine each dbt run takes 17-70 s.
      timeout: 1_500_000,
    });
    const output = r.stdout + r.stderr;
    expect(r.status, output.slice(-4000)).toBe(0);
    expect(output).toMatch(/dbt: the real one, .*dbt-core 1\.11/);
    expect(output).not.toContain('not dbt');
    expect(output).not.toContain('Stand-ins');
    // dbt's own lines, from the deploy builds and from slim CI's dbt parse / dbt build.
    expect(output).toMatch(/dbt │ .*Running with dbt=1\.11/);
    expect(output).toMatch(/OK created sql table model analytics__BLUE\.orders/);
    expect(output).toMatch(/OK created sql table model ci_pr_42\.orders/);
    expect(output).toMatch(/cutover refused; analytics\.orders still has 400 rows/);
    expect(output).toMatch(/Rolled back production/);
    const comment = readFileSync(join(dir, 'out', 'pr-42-comment.md'), 'utf8');
    expect(comment).toContain('`model.shop.orders` | model | body');
    expect(existsSync(join(dir, 'artifacts', '1-main', 'run_results.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'artifacts', '1-main', 'run_results.json'), 'utf8')).metadata.dbt_version).toMatch(/^1\.11\./);
  }, 1_560_000);
});

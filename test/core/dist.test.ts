/**
 * The committed bundles as GitHub runs them: every vendor module links and
 * loads, every action entry starts and fails with a clear configuration error
 * (not a crash) when given no inputs, and the CLI bundle answers --help.
 * dist/ is rebuilt and committed once per change set; CI checks it matches.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures.js';

const dist = join(repoRoot, 'dist');
const hasDist = existsSync(join(dist, 'cli', 'index.js'));
const d = hasDist ? describe : describe.skip;
if (!hasDist) process.stderr.write('skipped (dist/ not built: run npm run build): bundle tests\n');

d('dist bundles', () => {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', SNOWFLAKE_DISABLE_MINICORE: '1' };
  it('every vendor module links and loads', () => {
    for (const f of readdirSync(join(dist, 'vendor')).filter((x) => x.endsWith('.js'))) {
      const r = spawnSync(process.execPath, ['-e', `import(${JSON.stringify(join(dist, 'vendor', f))}).catch((e) => { console.error(e.message); process.exit(1); })`], { encoding: 'utf8', env, timeout: 60_000 });
      expect(r.status, `${f}: ${r.stderr}`).toBe(0);
    }
  });

  it('every action starts and explains a missing input instead of crashing', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'slipway-dist-'));
    for (const name of readdirSync(join(repoRoot, 'actions'))) {
      const r = spawnSync(process.execPath, [join(dist, name, 'index.js')], { encoding: 'utf8', env: { ...env, GITHUB_OUTPUT: join(cwd, 'out') }, cwd, timeout: 60_000 });
      const out = r.stdout + r.stderr;
      expect(out, name).not.toMatch(/SyntaxError|ReferenceError|ERR_MODULE_NOT_FOUND|Internal error/);
      expect(out, name).toMatch(/::error::/);
      expect([1, 2], `${name}: ${out}`).toContain(r.status);
    }
  });

  it('the CLI bundle lists its commands', () => {
    const r = spawnSync(process.execPath, [join(dist, 'cli', 'index.js'), '--help'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(r.status).toBe(0);
    for (const c of ['select', 'state', 'pr-schema', 'schema-cleanup', 'deploy', 'rollback', 'freshness', 'policy', 'warehouse']) expect(r.stdout).toContain(c);
  });
});

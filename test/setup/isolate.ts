/**
 * Runs in each test file's worker before the file: whatever the file leaves in
 * a user-level cache (`slipway state save` without --cache-dir writes to
 * $XDG_CACHE_HOME/slipway) goes to a folder of its own, so test files running
 * side by side — or two copies of the suite on one machine — never read each
 * other's entries. A test that sets SLIPWAY_CACHE_DIR or --cache-dir still wins.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const home = mkdtempSync(join(tmpdir(), 'slipway-test-cache-'));
const before = process.env.XDG_CACHE_HOME;
process.env.XDG_CACHE_HOME = home;
afterAll(() => {
  if (before === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = before;
  rmSync(home, { recursive: true, force: true });
});

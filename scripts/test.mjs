// Runs the whole test suite and ends with the plain line `N passed, N failed`
// (CI reads that line; vitest's own summary is not recognised there).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const report = '.vitest.json';
rmSync(report, { force: true });
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const r = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
if (!existsSync(report)) {
  console.log('0 passed, 1 failed');
  process.exit(r.status || 1);
}
const json = JSON.parse(readFileSync(report, 'utf8'));
// A test file that fails to load counts as a failure even though it has no tests.
const brokenFiles = (json.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
const failed = json.numFailedTests + brokenFiles;
const skipped = json.numPendingTests + json.numTodoTests;
console.log(`${json.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || r.status !== 0 ? 1 : 0);

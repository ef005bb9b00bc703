#!/usr/bin/env node
/*
 * A STAND-IN for the dbt executable, used only by Slipway's slim CI tests.
 * It does not run dbt: it records the arguments it was given (one JSON line
 * per call in $FAKE_DBT_LOG) and writes artifacts that the test copied from
 * real dbt runs (../shared/fixtures/dbt) into place, then exits with the
 * code the test asked for. Tests using it check Slipway's orchestration
 * (what it runs, what it reads, what it reports), never dbt itself.
 *
 *   FAKE_DBT_LOG          file to append {argv, cwd} lines to (required)
 *   FAKE_DBT_MANIFEST     manifest.json to write on `parse` (and on other commands)
 *   FAKE_DBT_RUN_RESULTS  run_results.json to write on build/run/test/…
 *   FAKE_DBT_EXIT         exit code for build/run/test/… (default 0)
 *   FAKE_DBT_PARSE_EXIT   exit code when the project "does not parse" (default 0): every
 *                         command then fails before writing any artifact, as dbt does
 */
const fs = require('node:fs');
const path = require('node:path');

const argv = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_DBT_LOG, JSON.stringify({ argv, cwd: process.cwd() }) + '\n');

const flag = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const projectDir = flag('--project-dir') || process.cwd();
const target = path.join(projectDir, 'target');
fs.mkdirSync(target, { recursive: true });
const sub = argv[0];

console.log(`fake-dbt: ${sub} (stand-in, not dbt)`);
// Every dbt command parses the project first; a parse error ends it before any artifact is written.
const parseCode = Number(process.env.FAKE_DBT_PARSE_EXIT || 0);
if (parseCode) {
  console.error('fake-dbt: Parsing Error (simulated)');
  process.exit(parseCode);
}
if (sub === 'parse') {
  if (process.env.FAKE_DBT_MANIFEST) fs.copyFileSync(process.env.FAKE_DBT_MANIFEST, path.join(target, 'manifest.json'));
  process.exit(0);
}
if (process.env.FAKE_DBT_MANIFEST) fs.copyFileSync(process.env.FAKE_DBT_MANIFEST, path.join(target, 'manifest.json'));
if (process.env.FAKE_DBT_RUN_RESULTS) fs.copyFileSync(process.env.FAKE_DBT_RUN_RESULTS, path.join(target, 'run_results.json'));
process.exit(Number(process.env.FAKE_DBT_EXIT || 0));

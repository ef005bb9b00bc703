// `npm run bench`: runs every bench/*.ts in turn (each prints its own figures).
// Benchmarks measure; they never fail the build on timing.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const only = process.argv.slice(2);
const files = readdirSync('bench').filter((f) => f.endsWith('.ts') && !f.startsWith('_')).sort()
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
let failed = 0;
for (const f of files) {
  console.log(`\n=== bench/${f}`);
  const r = spawnSync('npx', ['tsx', '--expose-gc', `bench/${f}`], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=16384`.trim() } });
  if (r.status !== 0) { failed++; console.log(`bench/${f} exited ${r.status}`); }
}
process.exit(failed ? 1 : 0);

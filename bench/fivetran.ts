/**
 * Fivetran polling benchmark: 200 connections of one group against a local
 * server answering in Fivetran's v1 shapes (test/fivetran/fake-fivetran.ts),
 * each sync finishing 2–8 s after it was requested. Runs `syncConnectors`
 * with a request budget and prints the requests per minute it actually used
 * (over the whole run and in the busiest 10-second window), against the
 * budget and against Fivetran's account limit (20,000 requests/hour ≈ 333/min).
 * The budget here is scaled up (with short intervals) so the run takes
 * seconds, not the minutes a real one takes; the limiter is the same code.
 * Never asserts on timing.
 *
 *   npx tsx bench/fivetran.ts [connections] [budget per minute]
 */
import { FivetranClient } from '../shared/fivetran/api.js';
import { syncConnectors } from '../shared/fivetran/sync.js';
import { FakeFivetran } from '../test/fivetran/fake-fivetran.js';

const N = Number(process.argv[2] ?? 200);
const BUDGET = Number(process.argv[3] ?? 3000);
const conns = Array.from({ length: N }, (_, i) => ({
  id: `conn_${i}`,
  group_id: 'warehouse_prod',
  syncAfterMs: 2000 + ((i * 37) % 6000),
  script: [{ sync_state: 'scheduled', succeeded_at: 'now' }],
}));
const server = await new FakeFivetran(conns).start();
try {
  const client = new FivetranClient({ apiKey: 'test-key', apiSecret: 'test-secret', apiUrl: server.url, maxRequestsPerMinute: BUDGET });
  const t0 = Date.now();
  const report = await syncConnectors(client, { connectors: [], groups: ['warehouse_prod'], pollIntervalMs: 1000, timeoutMs: 120_000, stuckAfterMs: 60_000 });
  const secs = (Date.now() - t0) / 1000;
  const times = server.log.map((r) => r.at).sort((a, b) => a - b);
  let peak10 = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 10_000) j++;
    peak10 = Math.max(peak10, i - j + 1);
  }
  const perMin = (n: number, s: number) => Math.round((n / s) * 60);
  console.log(`${N} connections: ${report.counts.synced} synced, ${N - report.counts.synced} other, in ${secs.toFixed(1)} s`);
  console.log(`requests: ${server.log.length} (${(server.log.length / N).toFixed(1)} per connection: one group listing page for all, one sync request each, the rest status polls with backoff)`);
  console.log(`requests per minute: ${perMin(server.log.length, secs)} over the run, ${perMin(peak10, 10)} in the busiest 10 s window; budget ${BUDGET}/min: ${perMin(peak10, 10) <= BUDGET * 1.02 ? 'within' : 'OVER'}`);
  const polls = server.log.length - N - 1;
  console.log(`at production settings (budget 300/min, below Fivetran's ≈333/min): these ${server.log.length} requests take ≥ ${(server.log.length / 300).toFixed(1)} min; ${polls} polls of ${N} connections = one status poll per connection every ≥ ${(N / 300 * 60).toFixed(0)} s while all wait`);
  if (report.counts.synced !== N) process.exitCode = 1;
} finally {
  await server.stop();
}

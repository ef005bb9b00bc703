/**
 * Issue #18 item 7: one huge JSON string value in a dbt artifact. The
 * streaming reader used to copy the whole open value for every 1 MiB chunk
 * (quadratic: a 600 MB value did not finish in 600 s). Now:
 * - accepted values are read in linear time (figures per size below);
 * - a value too large for one JavaScript string (~512 MiB) is refused as soon
 *   as that many bytes have been seen — here at 10× the reported input, 6 GB.
 * Input is generated in memory (no disk); never asserts on timing.
 *
 *   npx tsx bench/hardening-stream-json.ts [maxAcceptedMB=480] [refusedGB=6]
 */
import { JsonStreamError, MAX_VALUE_BYTES, ShallowJsonParser } from '../shared/dbt/stream-json.js';

const MB = 1024 * 1024;
const maxAccepted = Number(process.argv[2] ?? 480);
const refusedGb = Number(process.argv[3] ?? 6);
const chunk = Buffer.alloc(8 * MB, 0x61);
const gc = (globalThis as { gc?: () => void }).gc;

function feedValue(totalMb: number): { ms: number; cpuMs: number; refusedAt?: number; length?: number } {
  gc?.();
  const p = new ShallowJsonParser();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  p.feed(Buffer.from('{"metadata": {}, "nodes": {"model.x.y": {"compiled_code": "'));
  let fed = 0;
  try {
    while (fed < totalMb * MB) {
      const n = Math.min(chunk.length, totalMb * MB - fed);
      p.feed(n === chunk.length ? chunk : chunk.subarray(0, n));
      fed += n;
    }
    p.feed(Buffer.from('"}}}'));
    const doc = p.end() as { nodes: Record<string, { compiled_code: string }> };
    return { ms: performance.now() - t0, cpuMs: process.cpuUsage(c0).user / 1000, length: doc.nodes['model.x.y']!.compiled_code.length };
  } catch (err) {
    if (!(err instanceof JsonStreamError)) throw err;
    return { ms: performance.now() - t0, cpuMs: process.cpuUsage(c0).user / 1000, refusedAt: fed };
  }
}

console.log(`stream-json: one string value, 8 MiB chunks; limit ${(MAX_VALUE_BYTES / MB).toFixed(0)} MiB per value`);
for (const size of [64, 128, 256, maxAccepted].filter((s, i, a) => s <= maxAccepted && a.indexOf(s) === i)) {
  const r = feedValue(size);
  console.log(`  ${String(size).padStart(4)} MiB value read: ${r.ms.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU (${(size / (r.cpuMs / 1000)).toFixed(0)} MiB/s CPU), rss ${(process.memoryUsage().rss / MB).toFixed(0)} MiB`);
}
const r = feedValue(refusedGb * 1024);
console.log(`  ${refusedGb} GiB value (10× the reported 600 MB): refused while reading MiB ${((r.refusedAt ?? 0) / MB).toFixed(0)}–${(((r.refusedAt ?? 0) + chunk.length) / MB).toFixed(0)} (nothing more is buffered) in ${r.ms.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU`);
console.log(`  machine load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);

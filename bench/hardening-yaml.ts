/**
 * Issue #18 item 7: YAML configs with ~200k keys went quadratic (the yaml
 * library's duplicate-key check compares each key with every other). Slipway
 * parses with parseYamlDocument (one Set per mapping): here 2,000,000 keys,
 * 10× the reported input, plus the library default on small inputs for
 * comparison. Prints times; never asserts on timing.
 *
 *   npx tsx bench/hardening-yaml.ts [keys=2000000]
 */
import YAML from 'yaml';
import { parseYamlText } from '../shared/config/profiles.js';

const N = Number(process.argv[2] ?? 2_000_000);
const MB = 1024 * 1024;

function text(n: number): string {
  const lines = new Array<string>(n + 1);
  lines[0] = 'custom_rules_by_id:';
  for (let i = 0; i < n; i++) lines[i + 1] = `  key_${i}: ${i}`;
  return lines.join('\n') + '\n';
}

function cpu<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, cpuMs: process.cpuUsage(c0).user / 1000, value };
}

console.log('YAML mapping with many keys:');
for (const n of [10_000, 20_000, 40_000]) {
  const t = text(n);
  const lib = cpu(() => YAML.parse(t));
  const ours = cpu(() => parseYamlText(t, 'bench.yml'));
  console.log(`  ${n.toLocaleString('en')} keys: yaml library default ${lib.cpuMs.toFixed(0)} ms CPU; Slipway parseYamlText ${ours.cpuMs.toFixed(0)} ms CPU`);
}
for (const n of [200_000, N]) {
  const t = text(n);
  const r = cpu(() => parseYamlText(t, 'bench.yml') as Record<string, Record<string, number>>);
  console.log(`  ${n.toLocaleString('en')} keys (${(t.length / MB).toFixed(0)} MiB): parseYamlText ${r.ms.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU (${(r.cpuMs / (n / 1000)).toFixed(2)} ms per 1k keys); ${Object.keys(r.value.custom_rules_by_id!).length} keys read; rss ${(process.memoryUsage().rss / MB).toFixed(0)} MiB`);
}
console.log(`  machine load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);

/**
 * Production-state handling for slim CI on a large manifest (synthetic, shaped
 * like the real fixtures: 20k nodes): extracting it from a deploy artifact zip,
 * hashing it (live-state check), and a local-cache save + restore round trip.
 * Prints figures; never asserts on time.
 *
 *   npx tsx bench/slim-ci-state.ts
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { crc32, deflateRawSync } from 'node:zlib';
import { LocalDirStateCache } from '../shared/slim-ci/state-cache.js';
import { sha256File } from '../shared/slim-ci/state.js';
import { listZip, readZipEntry } from '../shared/slim-ci/zip.js';

function syntheticManifest(n: number): string {
  const nodes: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const id = `model.bench.m${i}`;
    nodes[id] = {
      unique_id: id, resource_type: 'model', package_name: 'bench', name: `m${i}`, fqn: ['bench', 'marts', `m${i}`],
      original_file_path: `models/marts/m${i}.sql`, path: `marts/m${i}.sql`, database: 'ANALYTICS', schema: 'MARTS', alias: `m${i}`,
      checksum: { name: 'sha256', checksum: (i * 2654435761).toString(16).padStart(64, '0') },
      config: { enabled: true, materialized: 'table', tags: ['nightly'], meta: {}, post_hook: [], pre_hook: [] },
      tags: ['nightly'], depends_on: { nodes: i ? [`model.bench.m${i - 1}`] : [], macros: ['macro.dbt.run_query'] },
      raw_code: `select * from {{ ref('m${Math.max(0, i - 1)}') }} where id > ${i}\n`.repeat(4), description: 'A bench model. '.repeat(5), columns: {},
    };
  }
  return JSON.stringify({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.9.0', project_name: 'bench' }, nodes, sources: {}, macros: {}, exposures: {} });
}

function zipOne(name: string, data: Buffer): Buffer {
  const comp = deflateRawSync(data);
  const nameBuf = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(8, 8); local.writeUInt32LE(crc32(data) >>> 0, 14);
  local.writeUInt32LE(comp.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBuf.length, 26);
  const cen = Buffer.alloc(46);
  cen.writeUInt32LE(0x02014b50, 0); cen.writeUInt16LE(8, 10); cen.writeUInt32LE(crc32(data) >>> 0, 16);
  cen.writeUInt32LE(comp.length, 20); cen.writeUInt32LE(data.length, 24); cen.writeUInt16LE(nameBuf.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(1, 8); eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + nameBuf.length, 12); eocd.writeUInt32LE(30 + nameBuf.length + comp.length, 16);
  return Buffer.concat([local, nameBuf, comp, cen, nameBuf, eocd]);
}

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;

const dir = await mkdtemp(join(tmpdir(), 'slipway-bench-state-'));
try {
  const nodes = Number(process.env.BENCH_NODES ?? 20000);
  const text = syntheticManifest(nodes);
  const data = Buffer.from(text);
  const manifestPath = join(dir, 'manifest.json');
  await writeFile(manifestPath, data);
  const zip = zipOne('manifest.json', data);
  console.log(`manifest: ${nodes} nodes, ${mb(data.length)} (zip ${mb(zip.length)})`);

  let t0 = performance.now();
  const e = listZip(zip)[0]!;
  const out = readZipEntry(zip, e);
  console.log(`unzip (inflate + CRC check): ${ms(t0)}  ${out.equals(data) ? 'ok' : 'MISMATCH'}`);

  t0 = performance.now();
  JSON.parse(text);
  console.log(`JSON.parse of the same manifest (for scale): ${ms(t0)}`);

  t0 = performance.now();
  const sha = await sha256File(manifestPath);
  console.log(`sha256 (streamed): ${ms(t0)}  ${sha.slice(0, 12)}…`);

  const cache = new LocalDirStateCache(join(dir, 'cache'));
  const stage = join(dir, 'stage');
  await mkdir(stage, { recursive: true });
  await writeFile(join(stage, 'manifest.json'), data);
  t0 = performance.now();
  await cache.save([stage], 'slipway-state-prod-abc');
  console.log(`local cache save: ${ms(t0)}`);
  t0 = performance.now();
  await cache.restore([join(dir, 'restored')], 'slipway-state-prod-zzz', ['slipway-state-prod-']);
  const back = await readFile(join(dir, 'restored', 'manifest.json'));
  console.log(`local cache restore (prefix match): ${ms(t0)}  ${back.equals(data) ? 'ok' : 'MISMATCH'}`);
  console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

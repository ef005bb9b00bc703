/**
 * The slow paths of issue #18 item 7, for correctness (timings live in
 * `npm run bench`: bench/hardening-*.ts): the streaming JSON reader's
 * growable buffer gives JSON.parse's result for any chunking, and refuses a
 * value too large for one JavaScript string as soon as it has seen that much;
 * large YAML parses with duplicate keys still caught; a broken manifest is
 * refused when it is read (so `state save` cannot store it).
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../../shared/config/profiles.js';
import { loadManifest } from '../../shared/dbt/artifacts.js';
import { JsonStreamError, ShallowJsonParser, parseJsonStreaming } from '../../shared/dbt/stream-json.js';
import { UserError, exitCodeFor } from '../../shared/errors.js';

describe('streaming JSON reader', () => {
  it('gives exactly what JSON.parse gives, for any document and any chunk sizes (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: fc.constantFrom('a', '"', '\\', 'é', '😀', '\n'), maxLength: 400 }))),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 3 }),
        (doc, sizes, depth) => {
          const buf = Buffer.from(JSON.stringify(doc), 'utf8');
          const p = new ShallowJsonParser({ captureDepth: depth });
          let off = 0;
          for (let k = 0; off < buf.length; k++) {
            const n = sizes[k % sizes.length]!;
            p.feed(Buffer.from(buf.subarray(off, off + n))); // a fresh buffer per chunk, as a file read gives
            off += n;
          }
          expect(p.end()).toEqual(JSON.parse(buf.toString('utf8')));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a value longer than the limit is refused while it is being read, naming the limit and the offset', () => {
    const p = new ShallowJsonParser({ maxValueBytes: 1024 * 1024 });
    p.feed(Buffer.from('{"nodes": {"a": 1}, "huge": "'));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let fed = 0;
    let err: unknown;
    try {
      for (; fed < 1000; fed++) p.feed(chunk);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JsonStreamError);
    expect((err as Error).message).toMatch(/larger than 1 MiB \(the most one JavaScript string can hold\).* at byte 28$/);
    expect(fed).toBeLessThanOrEqual(17); // refused after ~1 MiB, not after the whole input
  });

  it('long values spanning many chunks come back intact', () => {
    const big = 'x\\"y'.repeat(300_000);
    const text = JSON.stringify({ a: [1, 2], s: big, t: { u: big.slice(0, 1000) } });
    expect(parseJsonStreaming(text, { chunkSize: 4096, captureDepth: 1 })).toEqual(JSON.parse(text));
  });
});

describe('YAML with many keys', () => {
  it('reads 50k keys and still finds the one duplicate', () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `  k${i}: ${i}`);
    const doc = parseYamlText(`root:\n${lines.join('\n')}\n`, 'big.yml') as { root: Record<string, number> };
    expect(Object.keys(doc.root)).toHaveLength(50_000);
    expect(() => parseYamlText(`root:\n${lines.join('\n')}\n  k49999: dup\n`, 'big.yml')).toThrow(/key 'k49999' twice/);
  });
});

describe('a broken manifest is refused when read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-manifest-'));
  const meta = { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.11.0' };
  const write = (name: string, doc: unknown): string => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(doc));
    return p;
  };
  for (const [what, doc, re] of [
    ['a null node', { metadata: meta, nodes: { 'model.p.a': null }, sources: {} }, /nodes\['model\.p\.a'\] is null/],
    ['nodes as a list', { metadata: meta, nodes: [], sources: {} }, /'nodes' is a list/],
    ['a node without unique_id', { metadata: meta, nodes: { 'model.p.a': { resource_type: 'model' } }, sources: {} }, /has no unique_id/],
    ['sources as a string', { metadata: meta, nodes: {}, sources: 'x' }, /'sources' is string/],
  ] as const) {
    it(`${what}: a UserError (exit 2) naming the entry`, async () => {
      const err = await loadManifest(write(`${what.replace(/\W/g, '_')}.json`, doc)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(exitCodeFor(err)).toBe(2);
      expect((err as Error).message).toMatch(re);
    });
  }
  it('a well-formed manifest still reads', async () => {
    const m = await loadManifest(write('ok.json', { metadata: meta, nodes: { 'model.p.a': { unique_id: 'model.p.a', resource_type: 'model' } }, sources: {} }));
    expect(Object.keys(m.nodes)).toEqual(['model.p.a']);
  });
});

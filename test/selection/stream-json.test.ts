import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadManifest, setStreamThreshold } from '../../shared/dbt/artifacts.js';
import { parseJsonStreaming, readJsonStreaming } from '../../shared/dbt/stream-json.js';
import { selectNodes } from '../../shared/dbt/selection/index.js';
import { UserError } from '../../shared/errors.js';
import { base, clone } from './builder.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-stream-'));
afterAll(() => {
  setStreamThreshold(undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('streaming JSON reader', () => {
  it('gives exactly what JSON.parse gives, for any document and any chunking (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 4 }), (v, chunkSize, captureDepth) => {
        const text = JSON.stringify(v, null, chunkSize % 3 === 0 ? 2 : undefined);
        expect(parseJsonStreaming(text, { chunkSize, captureDepth })).toEqual(JSON.parse(text));
      }),
      { numRuns: 400 },
    );
  });
  it('keeps a "__proto__" key as an own property, as JSON.parse does (never as the prototype)', () => {
    for (const text of ['{"__proto__":false}', '{"a":{"__proto__":{"polluted":true}}}']) {
      for (const captureDepth of [0, 1, 2]) {
        const got = parseJsonStreaming(text, { chunkSize: 3, captureDepth }) as Record<string, unknown>;
        expect(got).toEqual(JSON.parse(text));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }
    }
  });
  it('handles escapes, unicode split across chunks, and nested strings with brackets', () => {
    const doc = { nodes: { 'a"b': { raw_code: 'select "{" as x, \'}\' -- é → 😀 \\"', n: [1, { x: '\\' }] } }, k: 'v\\', e: {} };
    const text = JSON.stringify(doc);
    for (let size = 1; size < 12; size++) expect(parseJsonStreaming(text, { chunkSize: size })).toEqual(doc);
  });
  it('reports malformed input with a byte offset', () => {
    for (const bad of ['{"a": 1,', '{"a" 1}', '{"a": [1, 2}', '{"a": {"b": tru}}', '{"a": 1} x', '']) {
      expect(() => parseJsonStreaming(bad, { chunkSize: 3 }), bad).toThrow(/at byte \d+/);
    }
  });
  it('loadManifest streams files above the threshold and selects the same nodes', async () => {
    const s = base();
    const c = clone(s);
    c.nodes['model.test.table_model']!.raw_code += '\n-- changed';
    const sp = join(dir, 'state.json');
    const cp = join(dir, 'current.json');
    writeFileSync(sp, JSON.stringify(s, null, 2));
    writeFileSync(cp, JSON.stringify(c));
    setStreamThreshold(16);
    const [ss, cc] = [await loadManifest(sp), await loadManifest(cp)];
    setStreamThreshold(undefined);
    expect(ss).toEqual(s);
    expect(selectNodes({ manifest: cc, state: ss }).direct).toEqual(['model.test.table_model']);
    expect(await readJsonStreaming(cp, { chunkSize: 7 })).toEqual(c);
  });
  it('a truncated manifest on the streaming path is a UserError', async () => {
    const p = join(dir, 'trunc.json');
    writeFileSync(p, JSON.stringify(base()).slice(0, 500));
    setStreamThreshold(1);
    await expect(loadManifest(p)).rejects.toThrow(UserError);
    await expect(loadManifest(p)).rejects.toThrow(/not valid JSON/);
    setStreamThreshold(undefined);
  });
});

/** The artifact zip reader, on archives written here (deflate and store) and damaged ones. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors.js';
import { entryBaseName, listZip, readZipEntry } from '../../shared/slim-ci/zip.js';
import { makeZip } from './helpers.js';

describe('zip reader', () => {
  const big = JSON.stringify({ nodes: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`model.p.m${i}`, { name: `m${i}`, tags: ['ünïcode', '✓'] }])) });

  for (const store of [false, true]) {
    it(`reads ${store ? 'stored' : 'deflated'} entries byte for byte`, () => {
      const zip = makeZip({ 'manifest.json': big, 'sub/run_results.json': '{"results":[]}', 'empty.txt': '' }, { store });
      const entries = listZip(zip);
      expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'sub/run_results.json', 'empty.txt']);
      expect(readZipEntry(zip, entries[0]!).toString('utf8')).toBe(big);
      expect(readZipEntry(zip, entries[1]!).toString('utf8')).toBe('{"results":[]}');
      expect(readZipEntry(zip, entries[2]!).length).toBe(0);
      expect(entryBaseName(entries[1]!.name)).toBe('run_results.json');
    });
  }

  it('finds the directory after an archive comment', () => {
    const zip = makeZip({ 'a.json': '{}' });
    const comment = Buffer.from('made by a test');
    const withComment = Buffer.concat([zip, comment]);
    withComment.writeUInt16LE(comment.length, zip.length - 2);
    expect(listZip(withComment).map((e) => e.name)).toEqual(['a.json']);
  });

  it('rejects what is not a zip, and detects corruption by CRC', () => {
    expect(() => listZip(Buffer.from('{"not":"a zip"}'.padEnd(100)))).toThrow(UserError);
    const zip = makeZip({ 'manifest.json': 'x'.repeat(500) }, { store: true });
    const e = listZip(zip)[0]!;
    const damaged = Buffer.from(zip);
    damaged[30 + 'manifest.json'.length + 10] ^= 0xff;
    expect(() => readZipEntry(damaged, e, 'Artifact state')).toThrow(/CRC-32/);
    const truncated = zip.subarray(0, 40);
    expect(() => listZip(truncated)).toThrow(UserError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOwnership, parseOwnership, type OwnershipRecord } from '../../shared/pr-schema/ownership.js';

describe('ownership record', () => {
  const rec: OwnershipRecord = { repo: 'acme/analytics', pr: 12, head: '6dcb09b5b57875f334f61aebed695e2e4193db5e', base: 'a'.repeat(40), created: '2026-11-01T00:00:00.000Z', headAt: '2026-11-02T00:00:00.000Z' };

  it('is compact JSON with a fixed key order, read back unchanged', () => {
    const text = formatOwnership(rec);
    expect(text).toBe(
      '{"slipway":"pr-schema","v":1,"repo":"acme/analytics","pr":12,"head":"6dcb09b5b57875f334f61aebed695e2e4193db5e","base":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","created":"2026-11-01T00:00:00.000Z","head_at":"2026-11-02T00:00:00.000Z"}',
    );
    expect(text.length).toBeLessThan(256);
    expect(parseOwnership(text)).toEqual({ kind: 'record', record: rec });
  });

  it('round-trips any valid record', () => {
    const slug = fc.stringMatching(/^[A-Za-z0-9_.-]{1,39}$/);
    fc.assert(
      fc.property(slug, slug, fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.option(fc.stringMatching(/^[0-9a-f]{40}$/), { nil: undefined }), fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }), (o, n, pr, head, d) => {
        const r: OwnershipRecord = { repo: `${o}/${n}`, pr, head, created: d.toISOString(), headAt: d.toISOString() };
        expect(parseOwnership(formatOwnership(r))).toEqual({ kind: 'record', record: r });
      }),
    );
  });

  it('tells a missing comment from somebody else\'s comment', () => {
    expect(parseOwnership(null)).toEqual({ kind: 'none' });
    expect(parseOwnership('  ')).toEqual({ kind: 'none' });
    expect(parseOwnership('DO NOT DROP – Anna')).toEqual({ kind: 'other', text: 'DO NOT DROP – Anna' });
    expect(parseOwnership('{"repo":"a/b","pr":1}').kind).toBe('other');
    expect(parseOwnership('{"slipway":"pr-schema","v":2,"repo":"a/b","pr":1,"created":"2026-01-01","head_at":"2026-01-01"}').kind).toBe('other');
    expect(parseOwnership('{"slipway":"pr-schema","v":1,"repo":"a/b","pr":-1,"created":"2026-01-01","head_at":"2026-01-01"}').kind).toBe('other');
  });
});

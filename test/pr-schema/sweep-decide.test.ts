/**
 * The sweep's decision, as a pure function: rule order, TTL, and the safety
 * property — whatever the listed names, comments, open PRs, keep list and TTL,
 * a `drop` verdict only ever goes to a name that is exactly
 * `<prefix><number>`, not kept, and not owned by another repository or PR.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prSchemaName } from '../../shared/pr-schema/naming.js';
import { formatOwnership, parseOwnership } from '../../shared/pr-schema/ownership.js';
import { decideSweep, mdCode, renderSweepMarkdown, type DecideContext } from '../../shared/pr-schema/sweep.js';
import type { SchemaInfo } from '../../shared/pr-schema/warehouse-ops.js';
import { resolveName } from '../../shared/sql/identifiers.js';

const NOW = new Date('2026-11-20T00:00:00.000Z');
const DAY = 86_400_000;
const REPO = 'acme/dw';

function rec(pr: number, daysAgo: number, repo = REPO): string {
  const t = new Date(NOW.getTime() - daysAgo * DAY).toISOString();
  return formatOwnership({ repo, pr, created: t, headAt: t });
}

const ctx = (over: Partial<DecideContext> = {}): DecideContext => ({ dialect: 'snowflake', prefix: 'CI_PR_', repo: REPO, open: new Set([2, 3]), now: NOW, ttlDays: 7, keep: [], ...over });

describe('sweep decision', () => {
  it('applies the rules in order: keep list, not created by Slipway, other repository, other PR, closed, TTL, open', () => {
    const schemas: SchemaInfo[] = [
      { database: 'DB', name: 'CI_PR_1', comment: rec(1, 1) },
      { database: 'DB', name: 'CI_PR_2', comment: rec(2, 1) },
      { database: 'DB', name: 'CI_PR_3', comment: rec(3, 8) },
      { database: 'DB', name: 'CI_PR_4', comment: rec(4, 30, 'ACME/DW') }, // same repo, other case
      { database: 'DB', name: 'CI_PR_5', comment: rec(5, 30, 'other/repo') },
      { database: 'DB', name: 'CI_PR_6', comment: rec(7, 30) },
      { database: 'DB', name: 'CI_PR_8', comment: rec(8, 30) },
      { database: 'OTHER', name: 'CI_PR_8', comment: rec(8, 30) },
      { database: 'DB', name: 'CI_PR_9', comment: null, createdMs: NOW.getTime() - 9 * DAY },
    ];
    const out = decideSweep(schemas, ctx({ open: new Set([2, 3, 9]), keep: ['db.ci_pr_8'] }));
    expect(out.map((e) => `${e.database}.${e.schema} ${e.verdict} ${e.rule}`)).toEqual([
      'DB.CI_PR_1 drop pr-closed',
      'DB.CI_PR_2 keep pr-open',
      'DB.CI_PR_3 drop ttl-expired',
      'DB.CI_PR_4 drop pr-closed',
      'DB.CI_PR_5 keep other-repository',
      'DB.CI_PR_6 keep other-pr',
      'DB.CI_PR_8 keep keep-list',
      'OTHER.CI_PR_8 drop pr-closed',
      'DB.CI_PR_9 keep not-created-by-slipway', // no ownership record: never dropped, whatever its age
    ]);
    expect(decideSweep(schemas, ctx({ open: new Set([3, 9]), ttlDays: 0 })).filter((e) => e.rule === 'ttl-expired')).toEqual([]);
  });

  it('never drops a look-alike, a kept schema, or another owner\'s schema — whatever the input', () => {
    const prefix = fc.constantFrom('CI_PR_', 'ci_pr_', 'PR_');
    const name = fc.oneof(
      fc.string({ maxLength: 16 }),
      fc.tuple(fc.constantFrom('CI_PR_', 'ci_pr_', 'PR_', 'CI_PR'), fc.oneof(fc.nat({ max: 60 }).map(String), fc.string({ maxLength: 4 })), fc.constantFrom('', '_BACKUP', 'x', ' ')).map(([a, b, c]) => a + b + c),
    );
    const comment = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 20 }),
      fc.tuple(fc.nat({ max: 60 }), fc.nat({ max: 30 }), fc.constantFrom(REPO, 'other/repo', 'Acme/DW')).map(([pr, d, r]) => rec(Math.max(pr, 1), d, r)),
    );
    const schema = fc.record({ database: fc.constantFrom('DB', 'OTHER'), name, comment, createdMs: fc.option(fc.integer({ min: NOW.getTime() - 40 * DAY, max: NOW.getTime() }), { nil: undefined }) });
    fc.assert(
      fc.property(
        fc.array(schema, { maxLength: 25 }),
        prefix,
        fc.constantFrom<'snowflake' | 'postgres'>('snowflake', 'postgres'),
        fc.uniqueArray(fc.nat({ max: 60 }), { maxLength: 30 }),
        fc.array(fc.oneof(name, fc.constantFrom('CI_PR_1', 'ci_pr_2', 'DB.CI_PR_3')), { maxLength: 4 }),
        fc.integer({ min: 0, max: 20 }),
        (schemas, p, dialect, open, keep, ttlDays) => {
          // Keep entries that are not valid names (e.g. a quoted empty `""`) are refused as bad input elsewhere.
          const valid = (k: string) => {
            try {
              resolveName(k, dialect);
              return true;
            } catch {
              return false;
            }
          };
          const safeKeep = keep.filter((k) => k.length > 0 && !k.includes('\u0000') && Buffer.byteLength(k) <= 63 && valid(k));
          const out = decideSweep(schemas, { dialect, prefix: p, repo: REPO, open: new Set(open), now: NOW, ttlDays, keep: safeKeep });
          expect(out).toHaveLength(schemas.length);
          out.forEach((e, i) => {
            if (e.verdict !== 'drop') return;
            const s = schemas[i]!;
            expect(e.pr).toBeDefined();
            expect(s.name).toBe(prSchemaName(p, e.pr!, dialect)); // exact name only
            const own = parseOwnership(s.comment);
            if (own.kind === 'record') {
              expect(own.record.repo.toLowerCase()).toBe(REPO);
              expect(own.record.pr).toBe(e.pr);
            }
            for (const k of safeKeep) {
              const dotted = /^([A-Za-z_][A-Za-z0-9_$]*)\.([A-Za-z_][A-Za-z0-9_$]*)$/.exec(k);
              const kept = dotted ? resolveName(dotted[1]!, dialect) === s.database && resolveName(dotted[2]!, dialect) === s.name : resolveName(k, dialect) === s.name;
              expect(kept, `kept by ${k}`).toBe(false);
            }
            if (open.includes(e.pr!)) expect(e.rule).toBe('ttl-expired');
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('renders names safely in the Markdown report', () => {
    expect(mdCode('a`b|c<script>')).toBe('<code>a`b&#124;c&lt;script&gt;</code>');
    const entries = decideSweep([{ database: 'DB', name: 'CI_PR_1 | `x`', comment: null }], ctx());
    const md = renderSweepMarkdown({ repo: REPO, dialect: 'snowflake', prefix: 'CI_PR_', pattern: '^CI_PR_[1-9][0-9]*$', databases: ['DB'], dryRun: true, ttlDays: 7, now: NOW.toISOString(), githubPages: 0, entries, counts: { schemasSeen: 1, prSchemas: 0, drop: 0, keep: 0, ignored: 1, leftAlone: 0, dropped: 0, failed: 0 }, statements: [] });
    expect(md).toContain('| <code>DB.CI_PR_1 &#124; `x`</code> |  | ➖ ignored | does not match ^CI_PR_[1-9][0-9]*$; never touched |');
  });
});

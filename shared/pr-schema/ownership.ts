/**
 * The ownership record Slipway writes into a PR schema's COMMENT and the sweep
 * reads back: which repository and PR the schema belongs to, which head
 * (and base) commit it was last built for, when it was created and when it
 * last saw a new head. Compact JSON, fixed key order, so it stays well under
 * comment length limits and is readable in `SHOW SCHEMAS`.
 *
 *   {"slipway":"pr-schema","v":1,"repo":"acme/analytics","pr":12,"head":"<sha>","base":"<sha>","created":"2026-11-22T20:37:22.000Z","head_at":"2026-11-22T20:37:22.000Z"}
 */
import { z } from 'zod';

export interface OwnershipRecord {
  /** `owner/name` of the repository the PR belongs to. */
  repo: string;
  pr: number;
  /** Head commit SHA the schema was last built for. */
  head?: string;
  /** Base commit SHA at that time (used by recreate-on-base-change). */
  base?: string;
  /** When the schema was first created (ISO 8601). */
  created: string;
  /** When the schema last saw a new head commit (ISO 8601); the TTL counts from here. */
  headAt: string;
}

const sha = z.string().regex(/^[0-9a-fA-F]{7,64}$/);
const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a timestamp');

const schema = z.object({
  slipway: z.literal('pr-schema'),
  v: z.literal(1),
  repo: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/),
  pr: z.number().int().positive(),
  head: sha.optional(),
  base: sha.optional(),
  created: iso,
  head_at: iso,
});

export function formatOwnership(r: OwnershipRecord): string {
  const out: Record<string, unknown> = { slipway: 'pr-schema', v: 1, repo: r.repo, pr: r.pr };
  if (r.head) out.head = r.head;
  if (r.base) out.base = r.base;
  out.created = r.created;
  out.head_at = r.headAt;
  return JSON.stringify(out);
}

export type ParsedOwnership =
  | { kind: 'none' }
  /** A comment that is not a Slipway record (a human note, another tool's JSON). */
  | { kind: 'other'; text: string }
  | { kind: 'record'; record: OwnershipRecord };

export function parseOwnership(comment: string | null | undefined): ParsedOwnership {
  if (comment === null || comment === undefined || comment.trim() === '') return { kind: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(comment);
  } catch {
    return { kind: 'other', text: comment };
  }
  const r = schema.safeParse(json);
  if (!r.success) return { kind: 'other', text: comment };
  const d = r.data;
  return { kind: 'record', record: { repo: d.repo, pr: d.pr, head: d.head, base: d.base, created: d.created, headAt: d.head_at } };
}

/** Same repository, compared the way GitHub does (case-insensitive). */
export function sameRepo(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Validate an `owner/name` string from the command line or the event. */
export function isRepoSlug(s: string): boolean {
  return /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(s);
}

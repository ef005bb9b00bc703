/**
 * Parse `--at <timestamp>` and `--before-statement <query id>` into a
 * RecoveryPoint, refusing ambiguous or impossible input before any connection
 * is opened.
 */
import { UserError } from '../errors.js';
import type { RecoveryPoint } from './types.js';

/** ISO 8601 with an explicit zone (Z or ±hh:mm); a bare date-time is refused because it is ambiguous at 3 a.m. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?\s?(Z|[+-]\d{2}:?\d{2})$/i;
/** Snowflake query ids look like 01b2c3d4-0000-1a2b-0000-0001234567f9. */
const QUERY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseTimestamp(raw: string, now: Date = new Date()): Date {
  const s = raw.trim();
  if (!ISO_WITH_ZONE.test(s)) {
    throw new UserError(`--at '${raw}' is not a timestamp with a time zone.`, {
      hint: "Write it as ISO 8601 with a zone, e.g. --at 2026-11-22T09:30:00Z or --at '2026-11-22 10:30:00+01:00'.",
    });
  }
  // Normalise '+0100' → '+01:00' and a space separator → 'T' so Date parses it everywhere.
  const norm = s.replace(' ', 'T').replace(/\s?([+-]\d{2}):?(\d{2})$/, '$1:$2').replace(/\s?Z$/i, 'Z');
  // JS Date keeps milliseconds only; drop extra fraction digits.
  const d = new Date(norm.replace(/(\.\d{3})\d+/, '$1'));
  if (Number.isNaN(d.getTime())) {
    throw new UserError(`--at '${raw}' is not a valid date and time.`, { hint: 'Check the month, day and hour, e.g. --at 2026-11-22T09:30:00Z.' });
  }
  if (d.getTime() > now.getTime() + 60_000) {
    throw new UserError(`--at '${raw}' is in the future (${d.toISOString()}; now is ${now.toISOString()}).`, {
      hint: 'Time travel goes back, not forward: give a moment before the bad change.',
    });
  }
  return d;
}

export function parseQueryId(raw: string): string {
  const s = raw.trim();
  if (!QUERY_ID.test(s)) {
    throw new UserError(`--before-statement '${raw}' is not a Snowflake query id.`, {
      hint: 'Copy the query id from Query History (it looks like 01b2c3d4-0000-1a2b-0000-0001234567f9).',
    });
  }
  return s;
}

/** Exactly one of --at / --before-statement; undefined when neither (a re-swap rollback). */
export function parsePoint(opts: { at?: string; beforeStatement?: string }, now: Date = new Date()): RecoveryPoint | undefined {
  if (opts.at !== undefined && opts.beforeStatement !== undefined) {
    throw new UserError('--at and --before-statement were both given.', { hint: 'Choose one recovery point: a timestamp or a statement.' });
  }
  if (opts.at !== undefined) return { kind: 'timestamp', at: parseTimestamp(opts.at, now) };
  if (opts.beforeStatement !== undefined) return { kind: 'statement', queryId: parseQueryId(opts.beforeStatement) };
  return undefined;
}

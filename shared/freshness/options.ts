/**
 * Freshness gate options as typed by a person (action inputs, CLI flags),
 * checked with no heavy imports so an action rejects a bad value before it
 * loads artifacts, schemas or warehouse code.
 */
import { UserError } from '../errors.js';
import type { FailOn } from './freshness.js';

export type { FailOn };
export type FreshnessMode = 'sources-json' | 'warehouse';

export function parseMode(v: string | undefined): FreshnessMode {
  const m = (v ?? 'sources-json').trim().toLowerCase();
  if (m === 'sources-json' || m === 'warehouse') return m;
  throw new UserError(`Unknown freshness mode '${v}'.`, { hint: 'Use mode: sources-json (read dbt source freshness output) or mode: warehouse (measure directly).' });
}

export function parseFailOn(v: string | undefined): FailOn | undefined {
  if (v === undefined || v === '') return undefined;
  const m = v.trim().toLowerCase();
  if (m === 'error' || m === 'warn') return m;
  throw new UserError(`fail-on must be error or warn, got '${v}'.`, { hint: 'fail-on: error fails on stale (error) sources only; fail-on: warn also on warnings.' });
}

/**
 * `fail-on` thresholds of the impact report. Each rule is evaluated per
 * model; a tripped rule makes the command exit 1 (GateFailure).
 *
 *   duplicate-keys        the PR build has a key value on more than one row
 *   null-keys             the PR build has rows with a NULL key
 *   row-loss=<pct>        more than <pct> % of production's rows are gone:
 *                         keyed models count removed keys, others the drop
 *                         in row count (within the event_time window)
 *   removed-columns-used  a removed column is read by a child model (its SQL
 *                         names the column) or by an exposure on the model
 */
import { UserError } from '../errors.js';
import type { GateTrip, ModelImpact } from './types.js';

export interface FailOn {
  duplicateKeys?: boolean;
  nullKeys?: boolean;
  rowLossPct?: number;
  removedColumnsUsed?: boolean;
}

const HINT = 'Use a comma-separated list of: duplicate-keys, null-keys, row-loss=<percent>, removed-columns-used (or none).';

/** Parse `--fail-on` / the `fail-on` input: words separated by commas, spaces or newlines. */
export function parseFailOn(input: string | readonly string[] | undefined): FailOn {
  const words = (Array.isArray(input) ? input.join(',') : String(input ?? ''))
    .split(/[\s,]+/)
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  const out: FailOn = {};
  for (const w of words) {
    if (w === 'none') continue;
    if (w === 'duplicate-keys') out.duplicateKeys = true;
    else if (w === 'null-keys') out.nullKeys = true;
    else if (w === 'removed-columns-used') out.removedColumnsUsed = true;
    else if (w.startsWith('row-loss')) {
      const m = /^row-loss(?:[=:>]|>=)?\s*(\d+(?:\.\d+)?)%?$/.exec(w);
      if (!m) throw new UserError(`fail-on '${w}' needs a percentage, e.g. row-loss=5.`, { hint: HINT });
      const pct = Number(m[1]);
      if (!(pct >= 0 && pct <= 100)) throw new UserError(`fail-on '${w}': the percentage must be between 0 and 100.`, { hint: HINT });
      out.rowLossPct = pct;
    } else throw new UserError(`Unknown fail-on rule '${w}'.`, { hint: HINT });
  }
  return out;
}

export function failOnRules(f: FailOn): string[] {
  const r: string[] = [];
  if (f.duplicateKeys) r.push('duplicate-keys');
  if (f.nullKeys) r.push('null-keys');
  if (f.rowLossPct !== undefined) r.push(`row-loss=${f.rowLossPct}`);
  if (f.removedColumnsUsed) r.push('removed-columns-used');
  return r;
}

/** Percentage of production's rows the PR loses (keyed: removed keys; otherwise the drop in count). */
export function rowLossPct(m: ModelImpact): number | undefined {
  if (!m.rows || m.rows.prod === 0) return undefined;
  const lost = m.keys ? m.keys.removed : Math.max(0, m.rows.prod - m.rows.pr);
  return (lost / m.rows.prod) * 100;
}

export function evaluateGate(models: readonly ModelImpact[], f: FailOn): { rules: string[]; passed: boolean; tripped: GateTrip[] } {
  const tripped: GateTrip[] = [];
  for (const m of models) {
    if (f.duplicateKeys && m.keys && m.keys.prDuplicates > 0) {
      tripped.push({ rule: 'duplicate-keys', model: m.name, message: `${m.keys.prDuplicates} row(s) repeat a key value of (${m.keys.columns.join(', ')}) in the PR build` });
    }
    if (f.nullKeys && m.keys && m.keys.prNullKeys > 0) {
      tripped.push({ rule: 'null-keys', model: m.name, message: `${m.keys.prNullKeys} row(s) have a NULL in key (${m.keys.columns.join(', ')})` });
    }
    const loss = rowLossPct(m);
    if (f.rowLossPct !== undefined && loss !== undefined && loss > f.rowLossPct) {
      tripped.push({ rule: 'row-loss', model: m.name, message: `${loss.toFixed(1)} % of production's rows are gone (limit ${f.rowLossPct} %)` });
    }
    if (f.removedColumnsUsed) {
      for (const c of m.schema.removed) {
        if (c.usedBy.length) tripped.push({ rule: 'removed-columns-used', model: m.name, message: `removed column ${c.name} is used by ${c.usedBy.join(', ')}` });
      }
    }
  }
  return { rules: failOnRules(f), passed: tripped.length === 0, tripped };
}

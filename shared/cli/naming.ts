/**
 * One naming scheme (docs/naming.md): a CLI flag that sets the same thing as
 * an action input has the input's words (`--pr-number` ⇔ `pr-number`); JSON
 * keys are camelCase of the same words (`prNumber`).
 *
 * Renamed flags stay accepted for one release as hidden deprecated aliases:
 * `deprecatedOption` registers one; `handle()` (common.ts) calls
 * `applyDeprecations` before the command body runs, so the body only ever sees
 * the new option key, and the user sees one warning naming the new flag.
 */
import { Option, type Command } from 'commander';
import { UserError } from '../errors.js';

export interface DeprecatedFlag {
  /** The old flag, e.g. `--pr`. */
  old: string;
  /** The flag that replaces it, e.g. `--pr-number`. */
  replacement: string;
  /** When the old flag is a switch standing for one value of the new one (`--measure` = `--mode warehouse`). */
  value?: string;
}

const registry = new WeakMap<Command, DeprecatedFlag[]>();

/** `--pr-number` → `prNumber`, the way commander names option values (and JSON keys are named). */
export function camelCase(kebab: string): string {
  return kebab.replace(/^-+/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Accept `flags` (e.g. `--pr <number>`) as a hidden, deprecated spelling of
 * `replacement` (e.g. `--pr-number`). With `value`, the old flag is a switch
 * that stands for `replacement value`. `parse` is the new option's argument
 * parser, so repeatable list options collect the same way under either name.
 */
export function deprecatedOption(cmd: Command, flags: string, replacement: string, opts: { value?: string; parse?: (value: string, previous: any) => unknown } = {}): Command {
  const opt = new Option(flags, `deprecated: use ${replacement}${opts.value ? ` ${opts.value}` : ''}`).hideHelp();
  if (opts.parse) opt.argParser(opts.parse);
  cmd.addOption(opt);
  const list = registry.get(cmd) ?? [];
  list.push({ old: opt.long!, replacement, ...(opts.value !== undefined ? { value: opts.value } : {}) });
  registry.set(cmd, list);
  return cmd;
}

/** The deprecated flags of one command (for docs/naming.md and its test). */
export function deprecationsOf(cmd: Command): DeprecatedFlag[] {
  return [...(registry.get(cmd) ?? [])];
}

/**
 * Move the values given under deprecated flags to their replacements in
 * `opts` and warn once per flag used. Giving both spellings of a single value
 * is an error (which one is meant is a guess); list options merge.
 */
export function applyDeprecations(cmd: Command, opts: Record<string, unknown>, warn: (message: string) => void): void {
  const touched = new Set<string>();
  for (const d of registry.get(cmd) ?? []) {
    const oldKey = camelCase(d.old);
    const newKey = camelCase(d.replacement);
    if (cmd.getOptionValueSource(oldKey) !== 'cli') continue;
    const given = opts[oldKey];
    delete opts[oldKey];
    const value = d.value ?? given;
    const newFromCli = cmd.getOptionValueSource(newKey) === 'cli' || touched.has(newKey);
    touched.add(newKey);
    if (newFromCli && Array.isArray(opts[newKey]) && Array.isArray(value)) {
      opts[newKey] = [...(opts[newKey] as unknown[]), ...value];
    } else if (newFromCli && opts[newKey] !== value) {
      throw new UserError(`${d.old} and ${d.replacement} were both given.`, { hint: `${d.old} is the old name of ${d.replacement}${d.value ? ` ${d.value}` : ''}; pass only ${d.replacement}.` });
    } else {
      opts[newKey] = value;
    }
    warn(`${d.old} is deprecated and will be removed in a future release: use ${d.replacement}${d.value ? ` ${d.value}` : ''} (the same name as the action input; see docs/naming.md).`);
  }
}

/**
 * JSON keys renamed to camelCase: emit the new keys and, for one release, the
 * old ones too, with a top-level `deprecatedKeys` map (old → new) so a consumer
 * sees what to migrate. `renamed` maps old key → new key.
 */
export function withDeprecatedKeys<T extends Record<string, unknown>>(result: T, renamed: Record<string, string>): T & { deprecatedKeys?: Record<string, string> } {
  const old: Record<string, unknown> = {};
  const map: Record<string, string> = {};
  for (const [oldKey, newKey] of Object.entries(renamed)) {
    if (!(newKey in result)) continue;
    old[oldKey] = result[newKey];
    map[oldKey] = newKey;
  }
  if (!Object.keys(map).length) return result;
  return { ...result, ...old, deprecatedKeys: map };
}

/**
 * Action inputs: the one parser every action body reads its `with:` values
 * through, in production and in tests. It reads `INPUT_<NAME>` from an
 * environment the way @actions/core does (name upper-cased, spaces → `_`,
 * value trimmed; booleans per the YAML 1.2 core schema), without loading the
 * GitHub toolkit, so an input error is reported before anything heavy loads.
 */
import { UserError } from '../errors.js';

export interface Inputs {
  /** The trimmed value, or undefined when empty; `required` turns empty into a UserError naming the input. */
  get(name: string, opts?: { required?: boolean }): string | undefined;
  /** `true|True|TRUE` / `false|False|FALSE` (YAML 1.2 core schema, as @actions/core's getBooleanInput); empty → fallback; anything else is an error. */
  bool(name: string, fallback: boolean): boolean;
  /** One value per line and per comma, trimmed, empty entries dropped. */
  list(name: string): string[];
}

const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);

/** The environment variable GitHub sets for input `name` (same rule as @actions/core). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Inputs read from `env` (process.env in an action; a plain record in tests). */
export function inputsFromEnv(env: NodeJS.ProcessEnv = process.env): Inputs {
  const raw = (name: string): string => (env[inputEnvName(name)] ?? '').trim();
  return {
    get(name, opts) {
      const v = raw(name);
      if (v === '' && opts?.required) {
        throw new UserError(`Input '${name}' is required but was not given.`, {
          hint: `Add ${name}: … under with: in the workflow step that uses this action (see the action's README for its values).`,
        });
      }
      return v === '' ? undefined : v;
    },
    bool(name, fallback) {
      const v = raw(name);
      if (v === '') return fallback;
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      throw new UserError(`Input '${name}' must be true or false, got '${v}'.`, {
        hint: `Set ${name}: true or ${name}: false in the step's with: block (YAML 1.2 booleans: true, True, TRUE, false, False, FALSE).`,
      });
    },
    list(name) {
      return raw(name)
        .split('\n')
        .flatMap((l) => l.split(','))
        .map((s) => s.trim())
        .filter(Boolean);
    },
  };
}

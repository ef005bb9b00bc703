/**
 * Fake action inputs built from the production parser (shared/runtime/inputs.ts):
 * the values become `INPUT_<NAME>` variables and are read exactly as an action
 * on a runner reads them (trimmed; YAML 1.2 booleans; anything else an error).
 * `read` records which inputs the body asked for, so tests can check them
 * against action.yml.
 */
import { inputEnvName, inputsFromEnv, type Inputs } from '../../shared/runtime/inputs.js';

export function actionInputs(values: Record<string, string | undefined> = {}): Inputs & { read: Set<string>; env: Record<string, string> } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) env[inputEnvName(k)] = v;
  const parser = inputsFromEnv(env);
  const read = new Set<string>();
  return {
    read,
    env,
    get: (name, opts) => (read.add(name), parser.get(name, opts)),
    bool: (name, fallback) => (read.add(name), parser.bool(name, fallback)),
    list: (name) => (read.add(name), parser.list(name)),
  };
}

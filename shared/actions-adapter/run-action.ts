import { describeError, exitCodeFor, ExitCode } from '../errors.js';
import { ActionsRuntime, actionInputs, setFailed, type Inputs } from './runtime.js';
import type { Runtime } from '../runtime/port.js';

/**
 * The one top-level handler for every action entry. The body parses inputs,
 * calls the core and sets outputs; this maps any error to `core.setFailed`
 * with a message that names the problem and the fix, secrets redacted.
 */
export async function runAction(body: (rt: Runtime, inputs: Inputs) => Promise<void>): Promise<void> {
  process.env.SNOWFLAKE_DISABLE_MINICORE ??= '1';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const rt = new ActionsRuntime();
  try {
    await body(rt, actionInputs);
  } catch (err) {
    const code = exitCodeFor(err);
    setFailed(rt.redact(describeError(err)));
    if (code === ExitCode.internal && err instanceof Error && err.stack) rt.debug(rt.redact(err.stack));
    process.exitCode = code;
  }
}

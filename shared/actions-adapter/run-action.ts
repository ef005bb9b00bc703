/**
 * The one top-level handler for every action entry. It maps any error to a
 * failed step (`::error::` with a message that names the problem and the
 * fix, secrets redacted) and the exit code of errors.ts.
 *
 * Every entry passes two stages: `parse` reads and checks the inputs and the
 * event (cheap: only the input parser and the event file are loaded), then
 * `run` does the work with the Actions runtime. The GitHub client, the
 * cache, schemas and warehouse code load only in `run`, so a bad input is
 * rejected about as fast as Node starts (`npm run bench` → cold-start).
 */
import { describeError, exitCodeFor, ExitCode } from '../errors.js';
import { inputsFromEnv, type Inputs } from '../runtime/inputs.js';
import type { Runtime } from '../runtime/port.js';
import { issueCommand } from './commands.js';
import { eventContext, type EventContext } from './context.js';

export interface ActionStages<P> {
  /** Read and check inputs and event; throw UserError on bad input. No network, no heavy modules. */
  parse(inputs: Inputs, event: EventContext): P | Promise<P>;
  /** The work, given the parsed inputs (import heavy modules here, dynamically). */
  run(rt: Runtime, parsed: P, event: EventContext, inputs: Inputs): Promise<void>;
}

export async function runAction<P>(body: ActionStages<P>): Promise<void> {
  process.env.SNOWFLAKE_DISABLE_MINICORE ??= '1';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const inputs = inputsFromEnv(process.env);
  let parsed: P;
  let event: EventContext;
  try {
    event = eventContext();
    parsed = await body.parse(inputs, event);
  } catch (err) {
    // Before the runtime is loaded no secret has been registered yet; this is what setFailed writes.
    issueCommand('error', {}, describeError(err));
    if (exitCodeFor(err) === ExitCode.internal && err instanceof Error && err.stack) issueCommand('debug', {}, err.stack);
    process.exitCode = exitCodeFor(err);
    return;
  }
  // The runtime and everything the body imports load only once the inputs are known to be good.
  const { ActionsRuntime, setFailed } = await import('./runtime.js');
  const rt = new ActionsRuntime();
  try {
    await body.run(rt, parsed, event, inputs);
  } catch (err) {
    const code = exitCodeFor(err);
    setFailed(rt.redact(describeError(err)));
    if (code === ExitCode.internal && err instanceof Error && err.stack) rt.debug(rt.redact(err.stack));
    process.exitCode = code;
  }
}

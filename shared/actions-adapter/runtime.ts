/**
 * The Runtime port on a GitHub Actions runner: logs, annotations, masks,
 * outputs, variables and the job summary as workflow commands
 * (./commands.ts, byte-for-byte what @actions/core writes, without loading
 * the toolkit's HTTP client). Only shared/actions-adapter/ speaks to the
 * runner; everything else talks to the Runtime port (shared/runtime/port.ts).
 */
import { EOL } from 'node:os';
import { inputsFromEnv, type Inputs } from '../runtime/inputs.js';
import type { AnnotationLevel, AnnotationProps, Runtime } from '../runtime/port.js';
import { redactSecrets, stringifyOutput } from '../runtime/port.js';
import * as cmd from './commands.js';

/** Annotation properties under the runner's names (as @actions/core's toCommandProperties maps them). */
function commandProps(props?: AnnotationProps): Record<string, string | number | undefined> {
  if (!props) return {};
  return { title: props.title, file: props.file, line: props.startLine, endLine: props.endLine, col: undefined, endColumn: undefined };
}

export class ActionsRuntime implements Runtime {
  readonly kind = 'github-actions' as const;
  private readonly secrets = new Set<string>();
  private readonly out: Record<string, string> = {};

  debug(message: string): void {
    cmd.issueCommand('debug', {}, this.redact(message));
  }
  info(message: string): void {
    process.stdout.write(this.redact(message) + EOL);
  }
  warn(message: string, props?: AnnotationProps): void {
    cmd.issueCommand('warning', commandProps(props), this.redact(message));
  }
  error(message: string, props?: AnnotationProps): void {
    cmd.issueCommand('error', commandProps(props), this.redact(message));
  }
  annotate(level: AnnotationLevel, message: string, props?: AnnotationProps): void {
    if (level === 'error') this.error(message, props);
    else if (level === 'warning') this.warn(message, props);
    else cmd.issueCommand('notice', commandProps(props), this.redact(message));
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    cmd.issueCommand('group', {}, title);
    try {
      return await fn();
    } finally {
      cmd.issueCommand('endgroup', {}, '');
    }
  }
  mask(secret: string): void {
    if (!secret) return;
    this.secrets.add(secret);
    cmd.issueCommand('add-mask', {}, secret);
    // A multi-line secret (a PEM key) must be masked line by line too.
    for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 4) cmd.issueCommand('add-mask', {}, line.trim());
  }
  redact(text: string): string {
    return redactSecrets(text, this.secrets);
  }
  setOutput(name: string, value: string | number | boolean | object): void {
    const v = stringifyOutput(value);
    this.out[name] = v;
    cmd.setOutput(name, v);
  }
  exportVariable(name: string, value: string): void {
    cmd.exportVariable(name, value);
  }
  async appendSummary(markdown: string): Promise<void> {
    if (!process.env.GITHUB_STEP_SUMMARY) {
      this.info(markdown);
      return;
    }
    await cmd.appendSummary(this.redact(markdown));
  }
  get outputs(): Readonly<Record<string, string>> {
    return this.out;
  }
}

/** Action inputs: the production parser in shared/runtime/inputs.ts over process.env (INPUT_*), as @actions/core reads them. */
export type { Inputs };
export const actionInputs: Inputs = inputsFromEnv(process.env);

/** Fail the step: exit code 1 (the caller may set a more specific one) and an error annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  cmd.issueCommand('error', {}, message);
}

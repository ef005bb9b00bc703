/**
 * The only layer of the core that imports @actions/*. Everything else talks to
 * the Runtime port (shared/runtime/port.ts).
 */
import * as core from '@actions/core';
import { inputsFromEnv, type Inputs } from '../runtime/inputs.js';
import type { AnnotationLevel, AnnotationProps, Runtime } from '../runtime/port.js';
import { redactSecrets, stringifyOutput } from '../runtime/port.js';

function toCoreProps(props?: AnnotationProps): core.AnnotationProperties | undefined {
  if (!props) return undefined;
  return { title: props.title, file: props.file, startLine: props.startLine, endLine: props.endLine };
}

export class ActionsRuntime implements Runtime {
  readonly kind = 'github-actions' as const;
  private readonly secrets = new Set<string>();
  private readonly out: Record<string, string> = {};

  debug(message: string): void {
    core.debug(this.redact(message));
  }
  info(message: string): void {
    core.info(this.redact(message));
  }
  warn(message: string, props?: AnnotationProps): void {
    core.warning(this.redact(message), toCoreProps(props));
  }
  error(message: string, props?: AnnotationProps): void {
    core.error(this.redact(message), toCoreProps(props));
  }
  annotate(level: AnnotationLevel, message: string, props?: AnnotationProps): void {
    if (level === 'error') this.error(message, props);
    else if (level === 'warning') this.warn(message, props);
    else core.notice(this.redact(message), toCoreProps(props));
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    return core.group(title, fn);
  }
  mask(secret: string): void {
    if (!secret) return;
    this.secrets.add(secret);
    core.setSecret(secret);
    // A multi-line secret (a PEM key) must be masked line by line too.
    for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 4) core.setSecret(line.trim());
  }
  redact(text: string): string {
    return redactSecrets(text, this.secrets);
  }
  setOutput(name: string, value: string | number | boolean | object): void {
    const v = stringifyOutput(value);
    this.out[name] = v;
    core.setOutput(name, v);
  }
  exportVariable(name: string, value: string): void {
    core.exportVariable(name, value);
  }
  async appendSummary(markdown: string): Promise<void> {
    if (!process.env.GITHUB_STEP_SUMMARY) {
      core.info(markdown);
      return;
    }
    await core.summary.addRaw(this.redact(markdown), true).write();
  }
  get outputs(): Readonly<Record<string, string>> {
    return this.out;
  }
}

/** Action inputs: the production parser in shared/runtime/inputs.ts over process.env (INPUT_*), as @actions/core reads them. */
export type { Inputs };
export const actionInputs: Inputs = inputsFromEnv(process.env);

export function setFailed(message: string): void {
  core.setFailed(message);
}

import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AnnotationLevel, AnnotationProps, Runtime } from './port.js';
import { redactSecrets, stringifyOutput } from './port.js';

export interface CliRuntimeOptions {
  /** Where log lines go; stderr by default so stdout stays clean for --format json. */
  write?: (line: string) => void;
  verbose?: boolean;
  /** Append job-summary Markdown to this file (SLIPWAY_SUMMARY_FILE); otherwise summaries are printed at verbose level. */
  summaryFile?: string;
}

/** Runtime for a shell: logs to stderr, outputs collected in memory, secrets redacted from every line. */
export class CliRuntime implements Runtime {
  readonly kind = 'cli' as const;
  private readonly secrets = new Set<string>();
  private readonly out: Record<string, string> = {};
  private readonly write: (line: string) => void;
  private readonly verbose: boolean;
  private readonly summaryFile?: string;
  readonly exported: Record<string, string> = {};
  readonly summaries: string[] = [];
  readonly annotations: { level: AnnotationLevel; message: string; props?: AnnotationProps }[] = [];

  constructor(opts: CliRuntimeOptions = {}) {
    this.write = opts.write ?? ((line) => process.stderr.write(line + '\n'));
    this.verbose = opts.verbose ?? false;
    this.summaryFile = opts.summaryFile ?? process.env.SLIPWAY_SUMMARY_FILE;
  }

  private log(prefix: string, message: string): void {
    this.write(this.redact(prefix + message));
  }
  debug(message: string): void {
    if (this.verbose) this.log('debug: ', message);
  }
  info(message: string): void {
    this.log('', message);
  }
  warn(message: string, props?: AnnotationProps): void {
    this.annotations.push({ level: 'warning', message, props });
    this.log('warning: ', message);
  }
  error(message: string, props?: AnnotationProps): void {
    this.annotations.push({ level: 'error', message, props });
    this.log('error: ', message);
  }
  annotate(level: AnnotationLevel, message: string, props?: AnnotationProps): void {
    if (level === 'error') this.error(message, props);
    else if (level === 'warning') this.warn(message, props);
    else {
      this.annotations.push({ level, message, props });
      this.log('notice: ', message);
    }
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.log('', `» ${title}`);
    return fn();
  }
  mask(secret: string): void {
    if (secret) this.secrets.add(secret);
  }
  redact(text: string): string {
    return redactSecrets(text, this.secrets);
  }
  setOutput(name: string, value: string | number | boolean | object): void {
    this.out[name] = stringifyOutput(value);
  }
  exportVariable(name: string, value: string): void {
    this.exported[name] = value;
    process.env[name] = value;
  }
  async appendSummary(markdown: string): Promise<void> {
    this.summaries.push(markdown);
    if (this.summaryFile) {
      await mkdir(dirname(this.summaryFile), { recursive: true });
      await appendFile(this.summaryFile, this.redact(markdown) + '\n');
    }
  }
  get outputs(): Readonly<Record<string, string>> {
    return this.out;
  }
}

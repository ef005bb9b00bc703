/**
 * The runtime port: everything an action or CLI command does to talk to its
 * host (logs, outputs, job summary, secret masking, annotations). Core code
 * depends only on this interface; `shared/actions-adapter` implements it with
 * @actions/core and `cli-runtime.ts` implements it for a shell.
 */
export type AnnotationLevel = 'notice' | 'warning' | 'error';

export interface AnnotationProps {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
}

export interface Runtime {
  readonly kind: 'github-actions' | 'cli';
  debug(message: string): void;
  info(message: string): void;
  warn(message: string, props?: AnnotationProps): void;
  error(message: string, props?: AnnotationProps): void;
  /** A notice/warning/error annotation (on GitHub shown on the run and the PR diff). */
  annotate(level: AnnotationLevel, message: string, props?: AnnotationProps): void;
  /** Start/end a collapsible log group. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** Register a value that must never appear in logs. */
  mask(secret: string): void;
  /** Redact every registered secret from a string (used by the CLI logger and error printing). */
  redact(text: string): string;
  setOutput(name: string, value: string | number | boolean | object): void;
  /** Export an environment variable to later steps (GitHub) or print it (CLI). */
  exportVariable(name: string, value: string): void;
  /** Append Markdown to the job summary (GitHub) or to a summary file (CLI, when configured). */
  appendSummary(markdown: string): Promise<void>;
  /** All outputs set so far (tests, JSON output). */
  readonly outputs: Readonly<Record<string, string>>;
}

export function stringifyOutput(value: string | number | boolean | object): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Replace every occurrence of any secret in `text` with ***. Longest first, so overlapping secrets are fully hidden. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  const sorted = [...secrets].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  for (const s of sorted) out = out.split(s).join('***');
  return out;
}

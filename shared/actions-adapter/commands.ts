/**
 * The runner's workflow commands, written the way @actions/core 3 writes them
 * (`::name key=value::message` on stdout; `name<<delimiter` blocks appended to
 * the GITHUB_OUTPUT / GITHUB_ENV files; the job summary appended to
 * GITHUB_STEP_SUMMARY), with nothing else loaded: @actions/core's entry also
 * loads its OIDC client (@actions/http-client, undici) and @actions/exec,
 * ~880 KB that cost about as much as starting Node itself, on every run.
 * test/actions-adapter/runtime.test.ts checks the bytes against @actions/core.
 *
 * Protocol: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, constants, existsSync } from 'node:fs';
import { access, appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';

/** Values as the runner reads them: strings as they are, anything else as JSON, null/undefined as ''. */
export function commandValue(input: unknown): string {
  if (input === null || input === undefined) return '';
  if (typeof input === 'string' || input instanceof String) return String(input);
  return JSON.stringify(input);
}

/** A command's message: % CR LF escaped. */
export function escapeData(s: unknown): string {
  return commandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command property's value: also `:` and `,`, which separate properties. */
function escapeProperty(s: unknown): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::command key=value,…::message` on stdout. Properties with an empty value
 * are left out; like @actions/core, a properties object with keys adds the
 * separating space even when every value is empty (the runner reads both).
 */
export function issueCommand(command: string, properties: Record<string, string | number | undefined>, message: unknown): void {
  const props = Object.entries(properties)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  process.stdout.write(`::${command}${Object.keys(properties).length ? ` ${props}` : ''}::${escapeData(message)}${EOL}`);
}

/** `name<<ghadelimiter_<uuid>` block for a file command; a value holding the delimiter is refused, as @actions/core does. */
function keyValueMessage(key: string, value: unknown): string {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  const v = commandValue(value);
  if (key.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (v.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  return `${key}<<${delimiter}${EOL}${v}${EOL}${delimiter}`;
}

/** Appends to the file GITHUB_<command> names (OUTPUT, ENV), or falls back to the old stdout command when it is unset. */
function keyValueCommand(file: 'OUTPUT' | 'ENV', fallback: string, name: string, value: unknown): void {
  const path = process.env[`GITHUB_${file}`] || '';
  if (!path) {
    if (file === 'OUTPUT') process.stdout.write(EOL);
    issueCommand(fallback, { name }, commandValue(value));
    return;
  }
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`);
  appendFileSync(path, `${keyValueMessage(name, value)}${EOL}`, { encoding: 'utf8' });
}

export function setOutput(name: string, value: unknown): void {
  keyValueCommand('OUTPUT', 'set-output', name, value);
}

export function exportVariable(name: string, value: unknown): void {
  process.env[name] = commandValue(value);
  keyValueCommand('ENV', 'set-env', name, value);
}

/** Appends markdown (and an end of line) to the job summary file. */
export async function appendSummary(markdown: string): Promise<void> {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (!path) throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
  try {
    await access(path, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(`Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`);
  }
  await appendFile(path, `${markdown}${EOL}`, { encoding: 'utf8' });
}

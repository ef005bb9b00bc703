/**
 * The Actions runtime writes workflow commands itself (shared/actions-adapter/
 * commands.ts) instead of loading @actions/core with its HTTP client. The
 * runner must see the same bytes: every operation is run once through
 * ActionsRuntime and once through the real @actions/core 3, and stdout, the
 * GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STEP_SUMMARY files, the environment and
 * the exit code are compared (file-command delimiters are random UUIDs, so
 * they are compared by shape).
 */
import * as core from '@actions/core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionsRuntime, setFailed } from '../../shared/actions-adapter/runtime.js';
import { stringifyOutput } from '../../shared/runtime/port.js';

const KEYS = ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STEP_SUMMARY', 'SLIPWAY_RT_TEST_VAR'] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  vi.restoreAllMocks();
});

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----';
const DELIM = /ghadelimiter_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** What a run leaves behind: stdout, the command files, the exported variable and the exit code. */
async function record(files: boolean, ops: () => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-rt-'));
  for (const k of KEYS) delete process.env[k];
  if (files) {
    for (const [k, f] of [['GITHUB_OUTPUT', 'output'], ['GITHUB_ENV', 'env'], ['GITHUB_STEP_SUMMARY', 'summary']] as const) {
      writeFileSync(join(dir, f), '');
      process.env[k] = join(dir, f);
    }
  }
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const before = process.exitCode;
  try {
    await ops();
  } finally {
    spy.mockRestore();
  }
  const exitCode = process.exitCode;
  process.exitCode = before;
  const read = (f: string) => (files ? readFileSync(join(dir, f), 'utf8').replace(DELIM, 'ghadelimiter_UUID') : '');
  return { stdout, output: read('output'), env: read('env'), summary: read('summary'), variable: process.env.SLIPWAY_RT_TEST_VAR, exitCode };
}

/** The same operations through ActionsRuntime … */
async function viaRuntime(): Promise<void> {
  const rt = new ActionsRuntime();
  rt.debug('50% done\r\nnext');
  rt.info('plain line: a, b');
  rt.warn('a warning: with, commas', { title: 'Title: x, y', file: 'models/a.sql', startLine: 3, endLine: 4 });
  rt.error('an error, no properties');
  rt.annotate('notice', 'a notice', { title: 'n' });
  rt.annotate('error', 'empty properties', {});
  await rt.group('A group', async () => rt.info('inside'));
  rt.mask(PEM);
  rt.setOutput('plan', { statements: ['SELECT 1', 'SELECT 2'] });
  rt.setOutput('multi', 'line 1\nline 2');
  rt.setOutput('count', 3);
  rt.exportVariable('SLIPWAY_RT_TEST_VAR', 'blue');
  await rt.appendSummary('### Deploy `x` is LIVE\n\n| a | b |');
  setFailed('boom\n  How to fix: retry');
}

/** … and through @actions/core, as the runtime called it before. */
async function viaCore(): Promise<void> {
  core.debug('50% done\r\nnext');
  core.info('plain line: a, b');
  core.warning('a warning: with, commas', { title: 'Title: x, y', file: 'models/a.sql', startLine: 3, endLine: 4 });
  core.error('an error, no properties');
  core.notice('a notice', { title: 'n', file: undefined, startLine: undefined, endLine: undefined });
  core.error('empty properties', { title: undefined, file: undefined, startLine: undefined, endLine: undefined });
  await core.group('A group', async () => core.info('inside'));
  core.setSecret(PEM);
  for (const line of PEM.split('\n')) core.setSecret(line.trim());
  core.setOutput('plan', stringifyOutput({ statements: ['SELECT 1', 'SELECT 2'] }));
  core.setOutput('multi', 'line 1\nline 2');
  core.setOutput('count', stringifyOutput(3));
  core.exportVariable('SLIPWAY_RT_TEST_VAR', 'blue');
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw('### Deploy `x` is LIVE\n\n| a | b |', true).write();
  else core.info('### Deploy `x` is LIVE\n\n| a | b |');
  core.setFailed('boom\n  How to fix: retry');
}

describe('ActionsRuntime writes what @actions/core writes', () => {
  it('with the runner files (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STEP_SUMMARY)', async () => {
    const ours = await record(true, viaRuntime);
    const theirs = await record(true, viaCore);
    expect(ours).toEqual(theirs);
    // Not vacuous: every channel was written.
    expect(ours.output).toContain('plan<<ghadelimiter_UUID\n{"statements":["SELECT 1","SELECT 2"]}\nghadelimiter_UUID\n');
    expect(ours.env).toContain('SLIPWAY_RT_TEST_VAR<<ghadelimiter_UUID\nblue\n');
    expect(ours.summary).toBe('### Deploy `x` is LIVE\n\n| a | b |\n');
    expect(ours.stdout).toContain('::warning title=Title%3A x%2C y,file=models/a.sql,line=3,endLine=4::a warning: with, commas\n');
    expect(ours.stdout).toContain('::add-mask::MIIEvQIBADANBgkq\n');
    expect(ours.variable).toBe('blue');
    expect(ours.exitCode).toBe(1);
  });

  it('without them (older runners: ::set-output / ::set-env on stdout; the summary goes to the log)', async () => {
    const ours = await record(false, viaRuntime);
    const theirs = await record(false, viaCore);
    expect(ours).toEqual(theirs);
    expect(ours.stdout).toContain('::set-output name=multi::line 1%0Aline 2\n');
    expect(ours.stdout).toContain('::set-env name=SLIPWAY_RT_TEST_VAR::blue\n');
  });

  it('redacts registered secrets from logs and the summary', async () => {
    const r = await record(true, async () => {
      const rt = new ActionsRuntime();
      rt.mask('s3cr3t-token');
      rt.info('connecting with s3cr3t-token');
      rt.warn('token s3cr3t-token refused');
      await rt.appendSummary('used s3cr3t-token');
    });
    expect(r.stdout.replace(/^::add-mask::.*\n/gm, '')).not.toContain('s3cr3t-token');
    expect(r.stdout).toContain('connecting with ***');
    expect(r.summary).toBe('used ***\n');
  });

  it('refuses, like @actions/core, to write to a runner file that does not exist', async () => {
    process.env.GITHUB_OUTPUT = join(tmpdir(), 'slipway-rt-missing', 'output');
    expect(() => new ActionsRuntime().setOutput('x', '1')).toThrow(`Missing file at path: ${process.env.GITHUB_OUTPUT}`);
    expect(() => core.setOutput('x', '1')).toThrow(`Missing file at path: ${process.env.GITHUB_OUTPUT}`);
  });
});

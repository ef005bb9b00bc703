/** `slipway select` end to end, in-process (stdout/stderr captured, exit codes checked). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeShared, sharedPath } from '../helpers/fixtures.js';
import { runSlipway as run } from '../helpers/cli.js';


const tmp = mkdtempSync(join(tmpdir(), 'slipway-select-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describeShared('slipway select', () => {
  const A = (c: string) => sharedPath('dbt', 'airbnb-snowflake', c);
  it('JSON: selected (sorted unique ids) and modified with reasons; --state takes a dir or a file', async () => {
    for (const state of [A('c1-450b930'), join(A('c1-450b930'), 'manifest.json')]) {
      const r = await run(['select', '--state', state, '--manifest', join(A('c2-4b7dec3'), 'manifest.json'), '--format', 'json']);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.out);
      expect(j.selected).toHaveLength(16);
      expect([...j.selected].sort()).toEqual(j.selected);
      expect(new Set(j.selected).size).toBe(j.selected.length);
      expect(Object.values(j.modified).every((x) => JSON.stringify(x) === '["configs"]')).toBe(true);
      expect(j.select).toEqual(['state:modified+']);
    }
  });
  it('text output groups by why; --project-dir finds target/manifest.json; --exclude and repeated --select', async () => {
    const r = await run(['select', '--state', A('c1-450b930'), '--project-dir', A('c2-4b7dec3').replace(/c2-4b7dec3$/, 'c2-4b7dec3/..'), '--manifest', join(A('c2-4b7dec3'), 'manifest.json'), '-s', 'state:modified', '-s', 'tag:nothing', '--exclude', 'src_hosts']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Matched directly \(7\):/);
    expect(r.out).toMatch(/model\.airbnb\.dim_hosts_cleansed {2}\[configs\]/);
    expect(r.out).toMatch(/Modified but not selected \(1\):\n {2}model\.airbnb\.src_hosts/);
  });
  it('nothing to build says so', async () => {
    const r = await run(['select', '--state', A('c4-344165c'), '--manifest', join(A('c5-59bb1f4'), 'manifest.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Nothing selected: nothing to build/);
  });
  it('bad input exits 2 with a message: syntax (with position), unknown state value, v3 state, other project, missing/malformed manifest', async () => {
    const m = join(A('c2-4b7dec3'), 'manifest.json');
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"metadata": {');
    const cases: [string[], RegExp][] = [
      [['-s', 'state:modified+ tga:x'], /position 17: "tga" is not a valid selector method[\s\S]*\^\^\^/],
      [['-s', 'state:modifed'], /"modifed" is not a valid state: value/],
      [['--state', sharedPath('dbt', 'dbt-core-compat', 'state', 'v3')], /manifest schema v3 \(written by dbt [\d.]+\); Slipway reads v4 to v12/],
      [['--state', sharedPath('dbt', 'hubspot-postgres', 'c1-38114c7')], /another dbt project/],
      [['--manifest', join(tmp, 'missing.json')], /does not exist or cannot be read/],
      [['--manifest', bad], /not valid JSON/],
      [['--state', tmp], /has no manifest.json/],
    ];
    for (const [extra, re] of cases) {
      const args = ['select', '--state', A('c1-450b930'), '--manifest', m, ...extra];
      const r = await run(args);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.err, extra.join(' ')).toMatch(re);
      expect(r.out).toBe('');
    }
  });
  it('state: without --state exits 2', async () => {
    const r = await run(['select', '--manifest', join(A('c2-4b7dec3'), 'manifest.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no comparison manifest/);
  });
});

describe('slipway select --help', () => {
  it('documents the contract', async () => {
    const r = await run(['select', '--help']);
    expect(r.out + r.err).toMatch(/--state <path>[\s\S]*--manifest <file>[\s\S]*--select <expr>[\s\S]*--exclude <expr>[\s\S]*--indirect-selection[\s\S]*--format/);
  });
});

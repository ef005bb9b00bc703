/**
 * Pinning (docs/releasing.md): every third-party action in our workflows and
 * examples is a full commit SHA with its release in a comment, and the release
 * step points the reusable workflows' inner references to Slipway's own
 * actions at one commit.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/dbt.js';
// @ts-expect-error a plain .mjs script, no types
import { defaultFiles, pinSelf, unpinned } from '../../scripts/pin-actions.mjs';

describe('action pinning', () => {
  it('every third-party action in .github/workflows and action-examples is pinned to a commit with its version', () => {
    const files: string[] = defaultFiles(repoRoot);
    expect(files.length).toBeGreaterThan(5);
    const bad = files.flatMap((f) => unpinned(readFileSync(f, 'utf8')).map((u: { line: number; ref: string }) => `${f.slice(repoRoot.length + 1)}:${u.line} ${u.ref}`));
    expect(bad).toEqual([]);
  });

  it('--check names an unpinned reference and exits 1', () => {
    expect(unpinned('    steps:\n      - uses: actions/checkout@v5\n      - uses: actions/setup-node@a0853c24544627f65ddf259abe73b1d18a591444 # v5.0.0\n')).toEqual([{ line: 2, ref: 'actions/checkout@v5' }]);
    expect(unpinned('      - uses: actions/setup-node@a0853c24544627f65ddf259abe73b1d18a591444\n')).toHaveLength(1); // no version comment
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'pin-actions.mjs'), '--check', join(repoRoot, 'test', 'workflows', 'pinning.test.ts')], { encoding: 'utf8' });
    expect(r.status).toBe(0); // this file has no uses: lines of its own at line start
  });

  it('--self points only Slipway’s own action references at the release commit', () => {
    const sha = 'a'.repeat(40);
    const text = [
      '      - uses: slipway-dev/slipway/actions/slim-ci@v1',
      '        uses: acme/slipway/actions/blue-green-swap@v1.2.0   # keep this comment',
      '    uses: slipway-dev/slipway/.github/workflows/dbt-pr.yml@v1',
      '      - uses: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09 # v5.1.0',
    ].join('\n');
    expect(pinSelf(text, sha).split('\n')).toEqual([
      `      - uses: slipway-dev/slipway/actions/slim-ci@${sha}`,
      `        uses: acme/slipway/actions/blue-green-swap@${sha}   # keep this comment`,
      '    uses: slipway-dev/slipway/.github/workflows/dbt-pr.yml@v1',
      '      - uses: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09 # v5.1.0',
    ]);
    expect(() => pinSelf(text, 'v1')).toThrow(/40-character/);
  });
});

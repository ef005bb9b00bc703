/**
 * Real-dbt tier: re-runs a small sample of the recorded selection cases with
 * the dbt found here, so a dbt upgrade that changes the answers (drift) is
 * caught, and checks `slipway select` against the fresh answers and fresh
 * manifests too. The full matrix is replayed without dbt by selection.test.ts;
 * `node scripts/regen-conformance.mjs` re-records it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runSlipway } from '../helpers/cli.js';
import { describeDbt, repoRoot, runDbt, writePgProfiles } from '../helpers/dbt.js';
import { pgUrl } from '../helpers/pg.js';
// @ts-expect-error plain ESM shared with scripts/regen-conformance.mjs
import { MUTATIONS } from './mutations.mjs';
// @ts-expect-error plain ESM shared with scripts/regen-conformance.mjs
import { applyEdit } from './apply.mjs';
import { slipwayArgs } from './args.js';

const SAMPLE: { mutation: string; args: string[] }[] = [
  // One mutation (two dbt parses): the full matrix is recorded; this only catches drift.
  { mutation: 'contract-add-column', args: ['-s', 'state:modified.contract'] },
  { mutation: 'contract-add-column', args: ['-s', 'state:modified+', '--resource-type', 'all'] },
];

const answers = JSON.parse(readFileSync(join(repoRoot, 'test', 'conformance', 'recorded', 'answers.json'), 'utf8')) as {
  cases: { mutation: string; variant?: string; direction: string; args: string[]; ids?: string[] }[];
};

describeDbt('selection conformance, live sample with real dbt', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'slipway-conf-live-'));
  const profiles = join(tmp, 'profiles');
  const projects = new Map<string, string>();
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  beforeAll(async () => {
    writePgProfiles(profiles, 'conf', pgUrl!, { ci: { schema: 'conf' } });
    for (const name of ['base', ...new Set(SAMPLE.map((s) => s.mutation))]) {
      const dir = join(tmp, name);
      cpSync(join(repoRoot, 'test', 'conformance', 'project'), dir, { recursive: true });
      const m = MUTATIONS.find((x: { name: string }) => x.name === name);
      for (const e of m?.edits ?? []) applyEdit(dir, e, name);
      const r = await runDbt(['parse'], { cwd: dir, profilesDir: profiles, env: m?.env });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      projects.set(name, dir);
    }
  });

  for (const s of SAMPLE) {
    it(`${s.mutation}: dbt ls ${s.args.join(' ')} is still what was recorded, and what slipway select says`, async () => {
      const dir = projects.get(s.mutation)!;
      const r = await runDbt(['ls', '--state', join(projects.get('base')!, 'target'), '--output', 'json', '--output-keys', 'unique_id', '--quiet', ...s.args], { cwd: dir, profilesDir: profiles });
      expect(r.code, r.stderr).toBe(0);
      const live = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l).unique_id as string).sort();
      expect(live.length).toBeGreaterThan(0);
      const recorded = answers.cases.find((c) => !c.variant && c.mutation === s.mutation && c.direction === 'forward' && c.args.join(' ') === s.args.join(' '));
      expect(recorded, 'recorded case').toBeDefined();
      expect(live, 'real dbt drifted from test/conformance/recorded: run node scripts/regen-conformance.mjs').toEqual(recorded!.ids);
      const sw = await runSlipway(['select', '--state', join(projects.get('base')!, 'target'), '--manifest', join(dir, 'target', 'manifest.json'), ...slipwayArgs(s.args), '--format', 'json']);
      expect(sw.code, sw.err).toBe(0);
      expect(JSON.parse(sw.out).selected).toEqual(live);
    });
  }
});

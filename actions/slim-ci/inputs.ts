/**
 * actions/slim-ci inputs, checked before anything heavy loads (the entry
 * imports only this, then the body).
 */
import { UserError } from '../../shared/errors.js';
import type { Inputs } from '../../shared/runtime/inputs.js';
import type { OnMissingState } from '../../shared/slim-ci/state.js';
import { parseFailOn } from '../../shared/impact/gate.js';

export type SlimCiMode = 'check' | 'save-state';
export type { OnMissingState };

export interface SlimCiInputs {
  mode: SlimCiMode;
  command: string;
  projectDir: string;
  profilesDir?: string;
  target?: string;
  stateTarget: string;
  select?: string[];
  exclude: string[];
  defer: boolean;
  favorState: boolean;
  onMissingState: OnMissingState;
  comment: boolean;
  token?: string;
  manifest?: string;
  deployWorkflow?: string;
  artifactName: string;
  /** save-state: the commit the state belongs to (default: the event's). */
  sha?: string;
  liveManifestSha?: string;
  liveStateEnvironment?: string;
  adminSchema: string;
  adminDatabase?: string;
  /** The PR impact report after a successful build (docs/impact.md). */
  impact: boolean;
  impactFailOn?: string;
  impactChildren: boolean;
  impactSensitive?: string[];
  impactSamples?: number;
}

/** dbt selector words: split on whitespace and newlines only (a comma is dbt's intersection operator and must stay). */
export function selectorWords(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const words = value.split(/\s+/).filter(Boolean);
  return words.length ? words : undefined;
}

function onMissing(value: string | undefined): OnMissingState {
  const v = (value ?? 'fail').trim().toLowerCase();
  if (v === 'fail' || v === 'full-build') return v;
  throw new UserError(`Input on-missing-state must be fail or full-build, got '${value}'.`, {
    hint: 'fail (the default) refuses to run without production state; full-build builds everything and says so in the report.',
  });
}

function mode(value: string | undefined): SlimCiMode {
  const v = (value ?? 'check').trim().toLowerCase();
  if (v === 'check' || v === 'save-state') return v;
  throw new UserError(`Input mode must be check or save-state, got '${value}'.`, {
    hint: 'check (the default) runs slim CI on a pull request; save-state stores the production manifest after a deploy.',
  });
}

export function parseSlimCiInputs(inputs: Inputs): SlimCiInputs {
  return {
    mode: mode(inputs.get('mode')),
    command: inputs.get('command') ?? 'dbt build',
    projectDir: inputs.get('project-dir') ?? '.',
    profilesDir: inputs.get('profiles-dir'),
    target: inputs.get('target'),
    stateTarget: inputs.get('state-target') ?? 'prod',
    select: selectorWords(inputs.get('select')),
    exclude: selectorWords(inputs.get('exclude')) ?? [],
    defer: inputs.bool('defer', true),
    favorState: inputs.bool('favor-state', false),
    onMissingState: onMissing(inputs.get('on-missing-state')),
    comment: inputs.bool('comment', true),
    token: inputs.get('github-token'),
    manifest: inputs.get('manifest'),
    deployWorkflow: inputs.get('deploy-workflow'),
    artifactName: inputs.get('state-artifact') ?? 'slipway-state',
    sha: inputs.get('sha'),
    liveManifestSha: inputs.get('live-manifest-sha'),
    liveStateEnvironment: inputs.get('live-state-environment'),
    adminSchema: inputs.get('admin-schema') ?? 'SLIPWAY',
    adminDatabase: inputs.get('admin-database'),
    impact: inputs.bool('impact', false),
    impactFailOn: failOn(inputs.get('impact-fail-on')),
    impactChildren: inputs.bool('impact-children', false),
    impactSensitive: inputs.get('impact-sensitive')?.split(/[\s,]+/).filter(Boolean),
    impactSamples: samples(inputs.get('impact-samples')),
  };
}

/** impact-fail-on, checked now so a typo fails before dbt runs. */
function failOn(value: string | undefined): string | undefined {
  if (value !== undefined) parseFailOn(value);
  return value;
}

function samples(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UserError(`Input impact-samples must be a whole number, got '${value}'.`, { hint: 'Use 0 (no sample rows, the default) up to 100.' });
  return Number(value.trim());
}

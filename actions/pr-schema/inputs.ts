/**
 * actions/pr-schema inputs and event, checked before anything heavy loads
 * (the entry imports only this, then the body).
 */
import type { EventContext } from '../../shared/actions-adapter/context.js';
import { UserError } from '../../shared/errors.js';
import type { CreatePrSchemaOptions } from '../../shared/pr-schema/create.js';
import { DEFAULT_PREFIX } from '../../shared/pr-schema/naming.js';
import { isClosedPrEvent, prNumberFromEvent, repoSlug } from '../../shared/pr-schema/pr-event.js';
import type { Inputs } from '../../shared/runtime/inputs.js';

export type PrSchemaInputs = CreatePrSchemaOptions & { dryRun: boolean };

export function parsePrSchemaInputs(inputs: Inputs, event: EventContext): PrSchemaInputs {
  const pr = prNumberFromEvent(event, inputs.get('pr-number'), 'pr-schema');
  if (isClosedPrEvent(event)) {
    throw new UserError(`pr-schema ran for pull request #${pr}, which is closed; creating its schema now would leave it behind.`, {
      hint: 'Remove `closed` from the pull_request types of this workflow, and run schema-cleanup on `pull_request: types: [closed]` instead.',
    });
  }
  return {
    pr,
    repo: repoSlug(event),
    prefix: inputs.get('prefix') ?? DEFAULT_PREFIX,
    database: inputs.get('database'),
    headSha: event.pullRequest?.headSha,
    baseSha: event.pullRequest?.baseSha,
    ciRoles: inputs.list('ci-roles'),
    reviewerRoles: inputs.list('reviewer-roles'),
    recreate: inputs.bool('recreate', false),
    recreateOnBaseChange: inputs.bool('recreate-on-base-change', false),
    dryRun: inputs.bool('dry-run', false),
  };
}

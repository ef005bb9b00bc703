/**
 * Every feature registers its subcommands here, one line each. Each
 * register function calls the same core functions as the feature's action.
 */
import type { Command } from 'commander';
import { register as warehouse } from './warehouse.js';
import { register as select } from './select.js';
import { register as state } from './state.js';
import { register as prSchema } from './pr-schema.js';
import { register as schemaCleanup } from './schema-cleanup.js';
import { register as deploy } from './deploy.js';
import { register as rollback } from './rollback.js';
import { register as freshness } from './freshness.js';
import { register as policy } from './policy.js';
import { register as fivetran } from './fivetran.js';
import { register as deploySlim } from './deploy-slim.js';
import { register as doctor } from './doctor.js';
import { register as slimCi } from './slim-ci.js';
import { register as impact } from './impact.js';

export function registerAll(program: Command): void {
  for (const register of [warehouse, select, state, prSchema, schemaCleanup, deploy, rollback, freshness, policy, fivetran, deploySlim, doctor, impact, slimCi]) register(program);
}

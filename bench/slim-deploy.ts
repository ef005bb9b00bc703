/**
 * Slim deploy benchmark: a 1,000-model project (views, tables, incrementals,
 * a seed, a snapshot, a test per model) deployed blue → green with ONE changed
 * model. Plans against the catalog Snowflake would list and prints the clone
 * statements, what dbt builds, and whether that is exactly the changed model
 * and its children (computed independently from the graph). Goal: ≤ 1,000
 * clone statements + the changed model and its children, never the project.
 * Never asserts on timing.
 *
 *   npx tsx bench/slim-deploy.ts [models] [changed model]
 */
import { performance } from 'node:perf_hooks';
import { snowflakeCloneSql } from '../shared/dialects/snowflake/clone.js';
import { planSlim } from '../shared/slim-deploy/index.js';
import { colourPair, snowflakeCatalog } from '../test/slim-deploy/project.js';

const N = Number(process.argv[2] ?? 1000);
const changed = process.argv[3] ?? `m${String(Math.floor(N * 0.9)).padStart(4, '0')}`;
const shape = { models: N, changed: [changed] };
const pair = colourPair(shape);
const catalog = snowflakeCatalog(pair, shape);

// The changed model and its descendants (model/seed/snapshot only), from depends_on.
const children = new Map<string, string[]>();
for (const n of Object.values(pair.next.nodes)) for (const p of n.depends_on?.nodes ?? []) children.set(p, [...(children.get(p) ?? []), n.unique_id]);
const expected = new Set<string>();
const stack = [`model.shop.${changed}`];
while (stack.length) {
  const id = stack.pop()!;
  if (expected.has(id) || id.startsWith('test.')) continue;
  expected.add(id);
  stack.push(...(children.get(id) ?? []));
}

const t0 = performance.now();
const plan = planSlim({ dialect: 'snowflake', canClone: true, liveManifest: pair.live, newManifest: pair.next, liveSuffix: '__BLUE', idleSuffix: '__GREEN' }, catalog, snowflakeCloneSql);
const ms = performance.now() - t0;
const relationNodes = Object.values(pair.next.nodes).filter((n) => n.resource_type !== 'test').length;
const exact = plan.build.nodes.length === expected.size && plan.build.nodes.every((id) => expected.has(id));
console.log(`project: ${N} models + seed + snapshot (${relationNodes} relations, ${Object.keys(pair.next.nodes).length} nodes with tests); changed: ${changed}`);
console.log(`plan: ${plan.mode}, ${plan.reason} — planned in ${ms.toFixed(0)} ms`);
console.log(`clone statements: ${plan.statements.length} (goal ≤ 1000): ${plan.statements.length <= 1000 ? 'OK' : 'OVER'}`);
console.log(`dbt builds: ${plan.build.nodes.length} node(s) with --select ${plan.build.select.join(' ')}; changed model + children = ${expected.size}: ${exact ? 'exactly those' : 'DIFFERENT'}`);
console.log(`not rebuilt (cloned or current views kept): ${relationNodes - plan.build.nodes.length} of ${relationNodes}`);
if (!exact || plan.statements.length > 1000) process.exitCode = 1;

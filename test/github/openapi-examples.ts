/**
 * GitHub's own response shapes for the mock server: the examples in GitHub's
 * OpenAPI description (npm @octokit/openapi), read from node_modules so the
 * tests follow whatever version is installed — nothing hand-written.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Json = any;

let spec: Json | undefined;
function load(): Json {
  if (!spec) {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('@octokit/openapi/package.json'));
    spec = JSON.parse(readFileSync(join(dir, 'generated', 'api.github.com.json'), 'utf8'));
  }
  return spec;
}

function deref(node: Json): Json {
  let n = node;
  while (n && typeof n === 'object' && typeof n.$ref === 'string') {
    const path = n.$ref.replace(/^#\//, '').split('/');
    n = path.reduce((o: Json, k: string) => o?.[k], load());
  }
  return n;
}

/** The operation object for an operationId such as `issues/list-comments`. */
export function operation(operationId: string): { method: string; path: string; op: Json } {
  for (const [path, ops] of Object.entries(load().paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(ops)) if (op?.operationId === operationId) return { method, path, op };
  }
  throw new Error(`operation ${operationId} not in the OpenAPI description`);
}

/** A deep copy of the example response body of `operationId` for `status` (first example unless `name`). */
export function example(operationId: string, status: number, name?: string): Json {
  const { op } = operation(operationId);
  const res = deref(op.responses[String(status)]);
  const examples = res?.content?.['application/json']?.examples;
  if (!examples) throw new Error(`${operationId} ${status} has no JSON example`);
  const key = name ?? Object.keys(examples)[0]!;
  const ex = deref(examples[key]);
  if (!ex) throw new Error(`${operationId} ${status} has no example '${key}'`);
  return structuredClone(ex.value);
}

/**
 * An error body shaped like the schema GitHub documents for `operationId`'s
 * `status` response (`basic-error`: message + documentation_url). Throws if
 * the description stops documenting these properties.
 */
export function errorBody(operationId: string, status: number, message: string, documentationUrl: string): Json {
  const { op } = operation(operationId);
  const res = deref(op.responses[String(status)]);
  // Operations that don't list this status (checks/create has no 403) fail with GitHub's generic basic-error.
  const schema = deref(res?.content?.['application/json']?.schema ?? { $ref: '#/components/schemas/basic-error' });
  const props = Object.keys(schema?.properties ?? {});
  if (!props.includes('message') || !props.includes('documentation_url')) throw new Error(`${operationId} ${status}: error schema changed (${props.join(', ')})`);
  return { message, documentation_url: documentationUrl };
}

/** The request-body schema of an operation (to assert what we send is valid). */
export function requestSchema(operationId: string): Json {
  const { op } = operation(operationId);
  return deref(op.requestBody?.content?.['application/json']?.schema);
}

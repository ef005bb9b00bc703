/**
 * Action docs generator and checker.
 *
 * Each action's page `docs/<action>.md` carries an Inputs table and an
 * Outputs table whose first column names the input/output (in backticks).
 * This script renders those tables from `actions/<action>/action.yml`
 * (`print`), and checks that the page agrees with the action (`check`):
 * every declared input/output is documented, nothing undeclared is
 * documented, and — where the table has "Required" / "Default" columns —
 * those agree too. The workflow tests run the check; a divergence fails the
 * suite naming the action, the input and what differs.
 *
 *   npx tsx scripts/action-docs.ts print slim-ci     # tables to paste into docs/slim-ci.md
 *   npx tsx scripts/action-docs.ts check             # exit 1 with one line per divergence
 *   npx tsx scripts/action-docs.ts workflows > docs/workflows.md   # reusable workflows reference
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface ActionInput {
  name: string;
  description: string;
  required: boolean;
  default?: string;
  deprecationMessage?: string;
}
export interface ActionOutput {
  name: string;
  description: string;
}
export interface ActionMeta {
  name: string;
  dir: string;
  file: string;
  title: string;
  description: string;
  inputs: ActionInput[];
  outputs: ActionOutput[];
  runs: { using?: string; main?: string; post?: string; pre?: string };
  branding?: { icon?: string; color?: string };
}

/** Names of the actions in `actions/` (folders that have an action.yml). */
export function listActions(root = repoRoot): string[] {
  const dir = join(root, 'actions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && (existsSync(join(dir, d.name, 'action.yml')) || existsSync(join(dir, d.name, 'action.yaml'))))
    .map((d) => d.name)
    .sort();
}

export function loadAction(name: string, root = repoRoot): ActionMeta {
  const dir = join(root, 'actions', name);
  const file = existsSync(join(dir, 'action.yml')) ? join(dir, 'action.yml') : join(dir, 'action.yaml');
  const doc = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, any>;
  const inputs = Object.entries((doc.inputs ?? {}) as Record<string, any>).map(([n, v]) => ({
    name: n,
    description: String(v?.description ?? ''),
    required: v?.required === true || v?.required === 'true',
    default: v?.default === undefined || v?.default === null ? undefined : String(v.default),
    deprecationMessage: v?.deprecationMessage,
  }));
  const outputs = Object.entries((doc.outputs ?? {}) as Record<string, any>).map(([n, v]) => ({ name: n, description: String(v?.description ?? '') }));
  return { name, dir, file, title: String(doc.name ?? name), description: String(doc.description ?? ''), inputs, outputs, runs: doc.runs ?? {}, branding: doc.branding };
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').trim();
}

/** The Inputs and Outputs tables for an action, as docs pages should contain them. */
export function renderTables(a: ActionMeta): string {
  const inputs = [
    '| Input | Required | Default | Description |',
    '| --- | --- | --- | --- |',
    ...a.inputs.map((i) => `| \`${i.name}\` | ${i.required ? 'yes' : 'no'} | ${i.default === undefined || i.default === '' ? '' : `\`${cell(i.default)}\``} | ${cell(i.description)} |`),
  ];
  const outputs = ['| Output | Description |', '| --- | --- |', ...a.outputs.map((o) => `| \`${o.name}\` | ${cell(o.description)} |`)];
  return `## Inputs\n\n${inputs.join('\n')}\n\n## Outputs\n\n${outputs.join('\n')}\n`;
}

interface DocTable {
  header: string[];
  rows: string[][];
  /** The nearest Markdown heading above the table, lower-cased. */
  heading: string;
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let cur = '';
  let inCode = false;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '\\' && inner[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (ch === '`') {
      inCode = !inCode;
      cur += ch;
    } else if (ch === '|' && !inCode) {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}

/** Every pipe table in a Markdown document, outside code fences. */
export function markdownTables(md: string): DocTable[] {
  const lines = md.split('\n');
  const out: DocTable[] = [];
  let fence: string | undefined;
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = /^#{1,6}\s+(.*)$/.exec(line);
    if (h && !fence) heading = h[1]!.trim().toLowerCase();
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (!fence) fence = f[1];
      else if (f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence) continue;
    const next = lines[i + 1];
    if (/^\s*\|/.test(line) && next && /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(next)) {
      const header = splitRow(line).map((h) => h.toLowerCase());
      const rows: string[][] = [];
      let j = i + 2;
      while (j < lines.length && /^\s*\|/.test(lines[j]!)) rows.push(splitRow(lines[j++]!));
      out.push({ header, rows, heading });
      i = j - 1;
    }
  }
  return out;
}

const unticks = (s: string) => s.replace(/^`+|`+$/g, '').trim();

/** Divergences between docs/<action>.md and actions/<action>/action.yml, one readable line each. */
export function checkActionDocs(name: string, root = repoRoot): string[] {
  const a = loadAction(name, root);
  const page = join(root, 'docs', `${name}.md`);
  const rel = `docs/${name}.md`;
  if (!existsSync(page)) return [`${rel} is missing: every action needs a docs page with Inputs and Outputs tables (npx tsx scripts/action-docs.ts print ${name}).`];
  const tables = markdownTables(readFileSync(page, 'utf8'));
  const problems: string[] = [];

  // The table whose first column is "Input", or "Name" under an "Inputs" heading.
  const kindTable = (kind: 'input' | 'output') =>
    tables.find((t) => unticks(t.header[0] ?? '').startsWith(kind)) ??
    tables.find((t) => unticks(t.header[0] ?? '') === 'name' && new RegExp(`\\b${kind}s?\\b`).test(t.heading));
  const inputsTable = kindTable('input');
  if (a.inputs.length && !inputsTable) problems.push(`${rel} has no Inputs table (first column "Input") for ${a.inputs.length} inputs of actions/${name}/action.yml.`);
  if (inputsTable) {
    const col = (re: RegExp) => inputsTable.header.findIndex((h) => re.test(h));
    const reqCol = col(/^required/);
    const defCol = col(/^default/);
    const documented = new Map(inputsTable.rows.map((r) => [unticks(r[0] ?? ''), r]));
    for (const i of a.inputs) {
      const row = documented.get(i.name);
      if (!row) {
        problems.push(`${rel}: input '${i.name}' is declared in actions/${name}/action.yml but missing from the Inputs table.`);
        continue;
      }
      if (reqCol >= 0) {
        const r = (row[reqCol] ?? '').toLowerCase();
        const says = /^(yes|true|required|✓|✅|\*\*yes\*\*)/.test(r);
        if (says !== i.required) problems.push(`${rel}: input '${i.name}' is documented as ${says ? 'required' : 'optional'} but action.yml says required: ${i.required}.`);
      }
      if (defCol >= 0) {
        const d = unticks(row[defCol] ?? '').replace(/^["']|["']$/g, '');
        const want = (i.default ?? '').trim();
        const none = d === '' || d === '—' || d === '-' || /^\(?none\)?$/i.test(d) || /^_?\(?empty\)?_?$/i.test(d);
        if (want === '' ? !none : d !== want) problems.push(`${rel}: input '${i.name}' default is documented as '${d}' but action.yml says '${want}'.`);
      }
    }
    for (const n of documented.keys()) if (!a.inputs.some((i) => i.name === n)) problems.push(`${rel}: the Inputs table documents '${n}', which actions/${name}/action.yml does not declare.`);
  }

  const outputsTable = kindTable('output');
  if (a.outputs.length && !outputsTable) problems.push(`${rel} has no Outputs table (first column "Output") for ${a.outputs.length} outputs of actions/${name}/action.yml.`);
  if (outputsTable) {
    const documented = new Set(outputsTable.rows.map((r) => unticks(r[0] ?? '')));
    for (const o of a.outputs) if (!documented.has(o.name)) problems.push(`${rel}: output '${o.name}' is declared in actions/${name}/action.yml but missing from the Outputs table.`);
    for (const n of documented) if (!a.outputs.some((o) => o.name === n)) problems.push(`${rel}: the Outputs table documents '${n}', which actions/${name}/action.yml does not declare.`);
  }
  return problems;
}

/** The reusable workflows we document: every .github/workflows file with `on: workflow_call`. */
export function listReusableWorkflows(root = repoRoot): string[] {
  const dir = join(root, '.github', 'workflows');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .filter((f) => {
      const doc = (parse(readFileSync(join(dir, f), 'utf8')) ?? {}) as Record<string, any>;
      return doc.on && typeof doc.on === 'object' && 'workflow_call' in doc.on;
    })
    .sort();
}

/**
 * docs/workflows.md, generated from the reusable workflows' `workflow_call`
 * declarations (inputs, secrets, outputs) and their header comments. The
 * workflow tests fail when the committed page differs from this.
 */
export function renderWorkflowDocs(root = repoRoot): string {
  const out: string[] = [
    '# Reusable workflows',
    '',
    '<!-- Generated by `npx tsx scripts/action-docs.ts workflows > docs/workflows.md` from .github/workflows/*.yml; do not edit by hand. -->',
    '',
    'Call them from a job with `uses: slipway-dev/slipway/.github/workflows/<file>@v1` (replace `slipway-dev` with the owner you use).',
    'Copy-paste callers are in [`action-examples/workflows/`](../action-examples/workflows); the adoption path is in [adoption.md](adoption.md).',
    '',
  ];
  for (const f of listReusableWorkflows(root)) {
    const text = readFileSync(join(root, '.github', 'workflows', f), 'utf8');
    const doc = parse(text) as Record<string, any>;
    const call = doc.on.workflow_call ?? {};
    const intro = text
      .split('\n')
      .filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith('#')))
      .map((l) => l.replace(/^# ?/, ''));
    out.push(`## \`${f}\` — ${doc.name ?? f}`, '');
    const extra = Object.keys(doc.on).filter((k) => k !== 'workflow_call');
    out.push(`Triggers: \`workflow_call\`${extra.map((k) => `, \`${k}\``).join('')}.`, '');
    const body = intro.slice(1).map((l) => l.trimEnd());
    while (body.length && body[0] === '') body.shift();
    while (body.length && body[body.length - 1] === '') body.pop();
    if (body.length) out.push('```text', ...body, '```', '');
    const inputs = Object.entries((call.inputs ?? {}) as Record<string, any>);
    if (inputs.length) {
      out.push('| Input | Type | Required | Default | Description |', '| --- | --- | --- | --- | --- |');
      for (const [n, d] of inputs) {
        const def = d?.default === undefined ? '' : `\`${cell(String(d.default)) || '""'}\``;
        out.push(`| \`${n}\` | ${d?.type ?? ''} | ${d?.required ? 'yes' : 'no'} | ${def} | ${cell(String(d?.description ?? ''))} |`);
      }
      out.push('');
    }
    const secrets = Object.entries((call.secrets ?? {}) as Record<string, any>);
    if (secrets.length) {
      out.push('| Secret | Required | Description |', '| --- | --- | --- |');
      for (const [n, d] of secrets) out.push(`| \`${n}\` | ${d?.required ? 'yes' : 'no'} | ${cell(String(d?.description ?? ''))} |`);
      out.push('');
    }
    const outputs = Object.entries((call.outputs ?? {}) as Record<string, any>);
    if (outputs.length) {
      out.push('| Output | Description |', '| --- | --- |');
      for (const [n, d] of outputs) out.push(`| \`${n}\` | ${cell(String(d?.description ?? ''))} |`);
      out.push('');
    }
    const perms: string[] = [];
    for (const [id, job] of Object.entries((doc.jobs ?? {}) as Record<string, any>)) {
      const p = job?.permissions;
      const text = p === undefined ? '(workflow default)' : typeof p === 'string' ? p : Object.keys(p).length ? Object.entries(p).map(([k, v]) => `${k}: ${v}`).join(', ') : 'none';
      perms.push(`| \`${id}\` | ${cell(String(job?.name ?? id))} | ${text} |`);
    }
    if (perms.length) out.push('| Job | Name (check) | Permissions |', '| --- | --- | --- |', ...perms, '');
  }
  return out.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...names] = argv;
  const targets = names.length ? names : listActions();
  if (cmd === 'print') {
    for (const n of targets) process.stdout.write(`<!-- ${n} -->\n${renderTables(loadAction(n))}\n`);
    return 0;
  }
  if (cmd === 'workflows') {
    process.stdout.write(renderWorkflowDocs());
    return 0;
  }
  if (cmd === 'check') {
    const problems = targets.flatMap((n) => checkActionDocs(n));
    for (const p of problems) process.stderr.write(p + '\n');
    process.stderr.write(problems.length ? `${problems.length} divergence(s) between docs/ and actions/*/action.yml\n` : `docs agree with ${targets.length} action.yml file(s)\n`);
    return problems.length ? 1 : 0;
  }
  process.stderr.write('usage: npx tsx scripts/action-docs.ts print|check [action...] | workflows\n');
  return 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}

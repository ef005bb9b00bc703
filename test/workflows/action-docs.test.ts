/**
 * The docs checker names each divergence between docs/<action>.md and
 * actions/<action>/action.yml.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkActionDocs, loadAction, markdownTables, renderTables } from '../../scripts/action-docs.js';

const root = mkdtempSync(join(tmpdir(), 'slipway-docs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fixture(doc: string): string {
  mkdirSync(join(root, 'actions', 'demo'), { recursive: true });
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(
    join(root, 'actions', 'demo', 'action.yml'),
    [
      "name: 'Demo'",
      "description: 'A demo.'",
      'inputs:',
      '  mode:',
      "    description: 'check or save | with a pipe'",
      '    required: true',
      '  dry-run:',
      "    description: 'Change nothing.'",
      "    default: 'false'",
      'outputs:',
      '  verdict:',
      "    description: 'pass or fail.'",
      'runs:',
      "  using: 'node24'",
      "  main: '../../dist/demo/index.js'",
    ].join('\n'),
  );
  writeFileSync(join(root, 'docs', 'demo.md'), doc);
  return 'demo';
}

describe('scripts/action-docs.ts', () => {
  it('renders tables that the checker accepts', () => {
    const name = fixture('# Demo\n');
    const tables = renderTables(loadAction(name, root));
    fixture(`# Demo\n\nIntro.\n\n${tables}\n## Permissions\n\n| Permission | Why |\n| --- | --- |\n| \`contents: read\` | checkout |\n`);
    expect(checkActionDocs(name, root)).toEqual([]);
    expect(markdownTables(tables)[0]!.rows[0]![3]).toBe('check or save | with a pipe');
  });

  it('names the input that is missing, extra, or documented wrongly', () => {
    const name = fixture(
      [
        '## Inputs',
        '',
        '| Input | Required | Default | Description |',
        '| --- | --- | --- | --- |',
        '| `mode` | no | | wrong: it is required |',
        '| `dry_run` | no | `false` | typo in the name |',
        '',
        '```md',
        '| Input | ignored inside a code block |',
        '| --- | --- |',
        '```',
        '',
        '## Outputs',
        '',
        '| Output | Description |',
        '| --- | --- |',
        '| `verdict` | ok |',
        '| `extra` | not declared |',
      ].join('\n'),
    );
    expect(checkActionDocs(name, root)).toEqual([
      "docs/demo.md: input 'mode' is documented as optional but action.yml says required: true.",
      "docs/demo.md: input 'dry-run' is declared in actions/demo/action.yml but missing from the Inputs table.",
      "docs/demo.md: the Inputs table documents 'dry_run', which actions/demo/action.yml does not declare.",
      "docs/demo.md: the Outputs table documents 'extra', which actions/demo/action.yml does not declare.",
    ]);
  });

  it('checks documented defaults', () => {
    const name = fixture('| Input | Required | Default | Description |\n| --- | --- | --- | --- |\n| `mode` | yes | | m |\n| `dry-run` | no | `true` | d |\n\n| Output | Description |\n| --- | --- |\n| `verdict` | v |\n');
    expect(checkActionDocs(name, root)).toEqual(["docs/demo.md: input 'dry-run' default is documented as 'true' but action.yml says 'false'."]);
  });

  it('also reads tables whose first column is "name" under Inputs / Outputs headings', () => {
    const name = fixture('## Inputs\n\n| name | required | default | description |\n| --- | --- | --- | --- |\n| `mode` | yes | | m |\n\n## Outputs\n\n| name | description |\n| --- | --- |\n| `verdict` | v |\n');
    expect(checkActionDocs(name, root)).toEqual(["docs/demo.md: input 'dry-run' is declared in actions/demo/action.yml but missing from the Inputs table."]);
  });

  it('says when the page is missing', () => {
    rmSync(join(root, 'docs', 'demo.md'));
    expect(checkActionDocs('demo', root)[0]).toMatch(/docs\/demo.md is missing/);
  });
});

/**
 * Every action.yml passes GitHub's action parser, runs on node24 from dist/,
 * describes every input and output, and its docs page documents exactly the
 * inputs and outputs it declares (scripts/action-docs.ts check).
 */
import { readFileSync } from 'node:fs';
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { describe, expect, it } from 'vitest';
import { checkActionDocs, listActions, loadAction } from '../../scripts/action-docs.js';

const actions = listActions();

describe('actions inventory', () => {
  it('finds the actions', () => {
    expect(actions.length).toBeGreaterThan(0);
  });
});

describe.each(actions)('actions/%s', (name) => {
  const meta = loadAction(name);

  it("passes GitHub's action.yml parser", () => {
    const parsed = parseAction({ name: `actions/${name}/action.yml`, content: readFileSync(meta.file, 'utf8') }, new NoOperationTraceWriter());
    expect(parsed.value, 'parsed').toBeDefined();
    const template = convertActionTemplate(parsed.context, parsed.value!);
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(template.runs.using).toBe('node24');
  });

  it('runs on node24 from its bundle in dist/', () => {
    expect(meta.runs.using).toBe('node24');
    expect(meta.runs.main).toBe(`../../dist/${name}/index.js`);
    if (meta.runs.post) expect(meta.runs.post).toMatch(new RegExp(`^\\.\\./\\.\\./dist/${name}/[\\w.-]+\\.js$`));
  });

  it('describes every input and output, and has branding', () => {
    expect(meta.title).toBeTruthy();
    expect(meta.description).toBeTruthy();
    for (const i of meta.inputs) {
      expect(i.description, `input ${i.name}`).toBeTruthy();
      expect(i.name, `input ${i.name} is kebab-case`).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    }
    for (const o of meta.outputs) expect(o.description, `output ${o.name}`).toBeTruthy();
    expect(meta.branding?.icon).toBeTruthy();
    expect(meta.branding?.color).toBeTruthy();
  });

  it(`has docs/${name}.md with Inputs/Outputs tables matching action.yml`, () => {
    expect(checkActionDocs(name)).toEqual([]);
  });
});

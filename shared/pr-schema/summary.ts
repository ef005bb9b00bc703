import type { CreatePrSchemaResult } from './create.js';
import { mdCode, mdText } from './sweep.js';

/** The job-summary line(s) for pr-schema: schema, what happened, grants. */
export function renderCreateMarkdown(r: CreatePrSchemaResult): string {
  const where = r.database ? `${r.database}.${r.schema}` : r.schema;
  const what = { created: 'created', recreated: `recreated empty (${r.recreateReason ?? 'requested'})`, refreshed: 'already existed; ownership record refreshed', planned: 'planned (dry run)' }[r.action];
  const grants = r.grants.length ? r.grants.map((g) => `${mdCode(g.role)} (${g.kind}: ${g.privileges})`).join(', ') : 'none requested';
  return [`### Slipway PR schema`, '', `**${mdCode(where)}** ${what} for ${r.ownership.repo}#${r.ownership.pr}${r.ownership.head ? ` at \`${r.ownership.head.slice(0, 12)}\`` : ''}. Grants: ${grants}.`, ...r.warnings.map((w) => `\n> ⚠️ ${mdText(w)}`)].join('\n');
}

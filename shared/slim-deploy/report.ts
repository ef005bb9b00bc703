import { formatPlan } from '../sql/plan.js';
import type { SlimPlan } from './types.js';

/** The plan for people: what is cloned (as the SQL that would run), what dbt builds and why. */
export function slimPlanText(plan: SlimPlan): string {
  const lines = [`-- slim deploy (${plan.mode}${plan.refresh ? ', scheduled refresh' : ''}): ${plan.reason}`];
  for (const w of plan.warnings) lines.push(`-- warning: ${w}`);
  if (plan.mode === 'slim') {
    lines.push(`-- then: dbt build --select ${plan.build.select.join(' ')} --state <dir holding the live manifest.json${plan.build.select.includes('source_status:fresher+') ? ' and the previous sources.json' : ''}>`);
    lines.push(`--   builds ${plan.build.nodes.length} node(s): ${plan.build.modified.length} modified or downstream, ${plan.build.fresher.length} on fresher sources, ${plan.build.notCloned.length} not clonable`);
    for (const x of plan.build.notCloned.slice(0, 50)) lines.push(`--   built, not cloned: ${x.node} (${x.why})`);
    if (plan.build.notCloned.length > 50) lines.push(`--   … and ${plan.build.notCloned.length - 50} more`);
  } else {
    lines.push('-- then: dbt build (everything) into the idle colour');
  }
  if (plan.removed.length) lines.push(`-- ${plan.removed.length} node(s) of the live deploy are gone from this one; their tables are left as they are`);
  if (plan.statements.length) lines.push('', formatPlan(plan.statements, plan.dialect));
  return lines.join('\n');
}

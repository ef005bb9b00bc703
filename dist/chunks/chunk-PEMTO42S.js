import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  rollbackDeploy
} from "./chunk-WL7F7LXX.js";
import {
  formatPlan
} from "./chunk-K2HM67PE.js";
import {
  assertReason,
  assertTimeTravel,
  parsePoint,
  pointInTimeRecover
} from "./chunk-4PQSW55K.js";
import {
  acquireLock,
  adminNames,
  checkEnvironment,
  currentDeploy,
  ensureAdmin
} from "./chunk-4W35UCXX.js";
import {
  deploySqlFor
} from "./chunk-U2YJDY4W.js";
import {
  runStatement
} from "./chunk-JK3NYHQT.js";
import {
  resolveName
} from "./chunk-YTHL6NVM.js";
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/rollback/index.ts
import { readFile } from "node:fs/promises";

// shared/pitr/live.ts
async function resolveLiveTarget(warehouse, opts) {
  const d = warehouse.dialect;
  if (opts.colourSchemas?.length) {
    return { published: [], colourSchemas: opts.colourSchemas.map((s) => resolveName(s, d)) };
  }
  const live = await currentDeploy(warehouse, { environment: opts.environment, adminSchema: opts.adminSchema, database: opts.database });
  const published = (opts.schemas?.length ? opts.schemas : live?.schemas ?? []).map((s) => resolveName(s, d));
  if (!published.length) {
    throw new UserError(`Environment '${opts.environment}' has no live deploy in DEPLOY_STATE, and no schemas were named.`, {
      hint: "Pass --schemas <published schemas> (their views show which colour is live) or --colour-schemas <schemas holding the tables>."
    });
  }
  const sql = await deploySqlFor(d);
  const database = opts.database ? resolveName(opts.database, d) : void 0;
  const colour = /* @__PURE__ */ new Set();
  for (const p of published) {
    for (const v of sql.parseViewSources(await runStatement(warehouse, sql.viewSources(database, p)))) if (v.sourceSchema && v.sourceSchema !== p) colour.add(v.sourceSchema);
  }
  if (!colour.size) {
    throw new UserError(`The published schema(s) ${published.join(", ")} hold no Slipway views, so the live colour schemas cannot be found.`, {
      hint: "Check --environment/--schemas, or name the schemas holding the tables with --colour-schemas."
    });
  }
  return { deployId: live?.deployId, colour: live?.colour ?? void 0, published, colourSchemas: [...colour].sort() };
}
function deployLock(warehouse, opts) {
  return async (fn) => {
    const sql = await deploySqlFor(warehouse.dialect);
    const a = adminNames(warehouse.dialect, opts);
    await ensureAdmin(warehouse, sql, a);
    await acquireLock(warehouse, sql, a, { environment: opts.environment, holder: opts.holder, runUrl: opts.runUrl ?? null, actor: opts.actor, leaseMinutes: opts.leaseMinutes ?? 60 });
    try {
      return await fn();
    } finally {
      await runStatement(warehouse, sql.releaseLock(a, opts.environment, opts.holder)).catch(() => void 0);
    }
  };
}

// shared/rollback/index.ts
function validateRollbackFlags(o) {
  const reason = assertReason(o.reason);
  const environment = checkEnvironment(o.environment);
  const point = parsePoint({ at: o.at, beforeStatement: o.beforeStatement });
  if (point && o.to) {
    throw new UserError("--to cannot be combined with --at/--before-statement.", {
      hint: "--to <deploy-id> re-swaps to an earlier deploy; --at/--before-statement restore the live tables to a point in time. Choose one."
    });
  }
  if (o.partial && !point) throw new UserError("--partial only applies to point-in-time recovery.", { hint: "Add --at <timestamp> or --before-statement <query id>, or drop --partial." });
  return { reason, environment, point };
}
function pitrReport(r, environment, dryRun) {
  const { statements, ...plan } = r.plan;
  return {
    mode: "pitr",
    environment,
    dryRun,
    rolledBackTo: r.plan.pointLabel,
    restored: r.restored,
    left: r.left,
    leftBehind: r.leftBehind,
    plan: { ...plan, objects: plan.objects.map(({ statements: s, putBack, ...o }) => ({ ...o, statements: s.map((x) => x.sql), ...putBack ? { putBack: putBack.map((x) => x.sql) } : {} })) },
    sql: formatPlan(dryRun ? statements : r.statements, "snowflake"),
    statements: (dryRun ? statements : r.statements).length,
    durationMs: r.durationMs
  };
}
function reportText(r) {
  if (r.mode === "reswap") {
    if (r.alreadyDone) return `Already done: ${r.environment} reads deploy ${r.rolledBackTo} (rolled back from ${r.rolledBackFrom}); nothing changed.`;
    const head = r.dryRun ? `Dry run: rollback of ${r.environment} from deploy ${r.rolledBackFrom} to deploy ${r.rolledBackTo} (colour ${r.colour}) would run:` : `Rolled back ${r.environment}: deploy ${r.rolledBackFrom} → deploy ${r.rolledBackTo} (colour ${r.colour}) in ${r.durationMs} ms.`;
    return r.dryRun ? `${head}

${r.sql}` : head;
  }
  const lines = [];
  if (r.dryRun) {
    lines.push(`Dry run: point-in-time recovery of ${r.environment} to ${r.rolledBackTo}.`);
    lines.push(`${r.statements} statement(s):`, "", r.sql);
  } else {
    lines.push(`Restored ${r.restored.length} table(s) of ${r.environment} to ${r.rolledBackTo} in ${r.durationMs} ms.`);
    for (const t of r.restored) lines.push(`  restored ${t}`);
    if (r.leftBehind.length) lines.push(`  pre-recovery copies kept for forensics (drop when satisfied): ${r.leftBehind.join(", ")}`);
  }
  for (const l of r.left ?? []) lines.push(`  LEFT AS IT IS: ${l.table}: ${l.reason}`);
  return lines.join("\n");
}
async function runRollback(wh, o, rt) {
  if (!o.point) {
    if (!wh) throw new UserError("A re-swap rollback needs a warehouse connection (it reads DEPLOY_STATE).", { hint: "Configure the connection; --dry-run still changes nothing." });
    const r2 = await rollbackDeploy(
      wh,
      { environment: o.environment, adminSchema: o.adminSchema, to: o.to, reason: o.reason, actor: o.actor, runUrl: o.runUrl, dryRun: !!o.dryRun, schemas: o.schemas?.length ? o.schemas : void 0, database: o.database, suffixBlue: o.suffixBlue, suffixGreen: o.suffixGreen, suffixNext: o.suffixNext, quoting: o.quoting },
      rt
    );
    return {
      mode: "reswap",
      environment: o.environment,
      dryRun: !!o.dryRun,
      rolledBackFrom: r2.rolledBackFrom,
      rolledBackTo: r2.rolledBackTo,
      colour: r2.colour,
      ...r2.alreadyDone ? { alreadyDone: true } : {},
      sql: formatPlan(r2.statements, wh.dialect),
      statements: r2.statements.length,
      durationMs: r2.durationMs
    };
  }
  if (wh) assertTimeTravel(wh);
  const target = o.metadata ? { colourSchemas: o.metadata.schemas, published: [] } : await resolveLiveTarget(wh, o);
  const holder = `rollback-pitr-${Date.now().toString(36)}`;
  const r = await pointInTimeRecover(
    wh,
    {
      point: o.point,
      schemas: target.colourSchemas,
      database: o.database ? resolveName(o.database, "snowflake") : void 0,
      environment: o.environment,
      adminSchema: o.adminSchema,
      reason: o.reason,
      actor: o.actor,
      runUrl: o.runUrl,
      partial: o.partial,
      dryRun: o.dryRun,
      metadata: o.metadata
    },
    rt,
    { withLock: wh && !o.dryRun ? deployLock(wh, { environment: o.environment, adminSchema: o.adminSchema, database: o.database, holder, runUrl: o.runUrl, actor: o.actor }) : void 0 }
  );
  return pitrReport(r, o.environment, !!o.dryRun);
}
async function loadMetadataFile(path) {
  let raw;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    throw new UserError(`Cannot read the metadata file ${path}: ${err.message}`, { hint: "Give a JSON file with now, schemas, tables and dropped." });
  }
  const m = raw;
  if (!m || typeof m !== "object" || !Array.isArray(m.tables) || !Array.isArray(m.schemas)) {
    throw new UserError(`The metadata file ${path} needs "now", "schemas" and "tables" (and "dropped").`, { hint: 'See docs/rollback.md, "Planning offline".' });
  }
  const d = (v) => new Date(String(v));
  return {
    now: d(m.now),
    database: m.database,
    schemas: m.schemas.map(String),
    tables: m.tables.map((t) => ({ ...t, created: d(t.created), lastAltered: t.lastAltered ? d(t.lastAltered) : void 0 })),
    dropped: (m.dropped ?? []).map((t) => ({ ...t, created: d(t.created), dropped: d(t.dropped) })),
    statement: m.statement ? { ...m.statement, startTime: d(m.statement.startTime), endTime: m.statement.endTime ? d(m.statement.endTime) : void 0 } : m.statement
  };
}
function reportMarkdown(r) {
  const lines = [];
  if (r.mode === "reswap") {
    lines.push(`### ${r.dryRun ? "Rollback plan (dry run)" : "Rolled back"}: ${r.environment}`, "");
    lines.push("| | |", "|---|---|", `| from deploy | \`${r.rolledBackFrom}\` |`, `| to deploy | \`${r.rolledBackTo}\` |`, `| colour | ${r.colour} |`, `| statements | ${r.statements} |`);
    if (!r.dryRun) lines.push(`| duration | ${r.durationMs} ms |`);
  } else {
    lines.push(`### ${r.dryRun ? "Point-in-time recovery plan (dry run)" : "Point-in-time recovery"}: ${r.environment} to ${r.rolledBackTo}`, "");
    const objects = r.plan?.objects ?? [];
    lines.push("| table | action | why |", "|---|---|---|");
    for (const o of objects) lines.push(`| \`${o.schema}.${o.name}\` | ${o.action} | ${o.reason.replace(/\|/g, "\\|")} |`);
    if (r.left?.length) lines.push("", `**Left as they are (${r.left.length}):** ${r.left.map((l) => `\`${l.table}\``).join(", ")}`);
    if (!r.dryRun && r.leftBehind?.length) lines.push("", `Pre-recovery copies kept for forensics: ${r.leftBehind.map((n) => `\`${n}\``).join(", ")}`);
  }
  lines.push("", "<details><summary>SQL</summary>", "", "```sql", r.sql, "```", "", "</details>");
  return lines.join("\n");
}

export {
  validateRollbackFlags,
  reportText,
  runRollback,
  loadMetadataFile,
  reportMarkdown
};

import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);

// shared/github/markdown.ts
var GITHUB_LIMITS = {
  /** Issue / PR comment body (characters). */
  commentBody: 65536,
  /** Check run output.summary and output.text (GitHub's schema says 65,535; some report it as bytes). */
  checkRunText: 65535,
  /** Annotation message and raw_details: 64 KB. */
  annotationMessage: 65535,
  /** Annotation title. */
  annotationTitle: 255,
  /** Annotations per create/update request. */
  annotationsPerRequest: 50
};
function measureText(text, measure) {
  return measure === "utf8" ? Buffer.byteLength(text, "utf8") : text.length;
}
var FENCE_OPEN = /^(\s*)(`{3,}|~{3,})(.*)$/;
var TABLE_DELIMITER = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;
function scanLines(lines) {
  const states = [];
  let fence;
  let inComment = false;
  let details2 = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fence) {
      const m = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
      if (m && m[1][0] === fence.marker[0] && m[1].length >= fence.marker.length) fence = void 0;
    } else if (inComment) {
      const end = line.indexOf("-->");
      if (end >= 0) {
        inComment = false;
        const rest = line.slice(end + 3);
        ({ inComment, details: details2 } = scanHtml(rest, details2));
      }
    } else {
      const m = FENCE_OPEN.exec(line);
      if (m && !(m[2][0] === "`" && m[3].includes("`"))) {
        fence = { indent: line.slice(0, line.length - line.trimStart().length), marker: m[2] };
      } else {
        ({ inComment, details: details2 } = scanHtml(stripCodeSpans(line), details2));
      }
    }
    const next = lines[i + 1];
    const tableHeader = !fence && !inComment && /^\s*\|/.test(line) && next !== void 0 && TABLE_DELIMITER.test(next) && next.includes("-");
    states.push({ fence: fence ? { ...fence } : void 0, inComment, detailsDepth: details2, tableHeader });
  }
  return states;
}
function stripCodeSpans(line) {
  return line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, "");
}
function scanHtml(text, details2) {
  let rest = text;
  let d = details2;
  for (; ; ) {
    const open = rest.indexOf("<!--");
    const segment = open >= 0 ? rest.slice(0, open) : rest;
    d += (segment.match(/<details[\s>]/gi) ?? []).length;
    d = Math.max(0, d - (segment.match(/<\/details\s*>/gi) ?? []).length);
    if (open < 0) return { inComment: false, details: d };
    const close = rest.indexOf("-->", open + 4);
    if (close < 0) return { inComment: true, details: d };
    rest = rest.slice(close + 3);
  }
}
function closingSuffix(state) {
  if (!state) return "";
  let s = "";
  if (state.fence) s += `
${state.fence.indent}${state.fence.marker}`;
  for (let i = 0; i < state.detailsDepth; i++) s += "\n\n</details>";
  return s;
}
function formatSize(n, measure) {
  const unit = measure === "utf8" ? "bytes" : "characters";
  return `${n.toLocaleString("en-US")} ${unit}`;
}
function truncationNote(omittedSize, omittedLines, measure, fullReportAt) {
  const lines = omittedLines > 0 ? ` (${omittedLines.toLocaleString("en-US")} ${omittedLines === 1 ? "line" : "lines"})` : "";
  const where = fullReportAt ? ` The full report is in ${fullReportAt}.` : "";
  return `

---
> [!NOTE]
> This report was too long for GitHub and was truncated: the last ${formatSize(omittedSize, measure)}${lines} were cut.${where}
`;
}
function truncateMarkdown(markdown, opts) {
  const measure = opts.measure ?? "utf16";
  const total = measureText(markdown, measure);
  if (total <= opts.limit) return { text: markdown, truncated: false, omittedSize: 0, omittedLines: 0 };
  const lines = markdown.split("\n");
  const states = scanLines(lines);
  const reserve = measureText(truncationNote(total, lines.length, measure, opts.fullReportAt), measure);
  const budget = opts.limit - reserve;
  if (budget <= 0) {
    const note = truncationNote(total, lines.length, measure, opts.fullReportAt).trimStart();
    return { text: hardCut(note, opts.limit, measure), truncated: true, omittedSize: total, omittedLines: lines.length };
  }
  let best = -1;
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    size += measureText(lines[i], measure) + (i > 0 ? 1 : 0);
    if (size > budget) break;
    const st = states[i];
    if (st.inComment || st.tableHeader) continue;
    if (size + measureText(closingSuffix(st), measure) <= budget) best = i + 1;
  }
  let kept;
  let keptLines;
  if (best > 0) {
    kept = lines.slice(0, best).join("\n").replace(/\s+$/, "") + closingSuffix(states[best - 1]);
    keptLines = best;
  } else {
    kept = hardCut(lines[0], budget, measure);
    keptLines = 0;
  }
  const keptOriginal = best > 0 ? lines.slice(0, best).join("\n") : "";
  const omittedSize = total - measureText(keptOriginal, measure);
  const omittedLines = lines.length - keptLines;
  return {
    text: kept + truncationNote(omittedSize, omittedLines, measure, opts.fullReportAt),
    truncated: true,
    omittedSize,
    omittedLines
  };
}
function hardCut(text, limit, measure) {
  if (limit <= 0) return "";
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measureText(text.slice(0, mid), measure) <= limit) lo = mid;
    else hi = mid - 1;
  }
  let cut = text.slice(0, lo);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(" ");
  if (space > cut.length * 0.8) cut = cut.slice(0, space);
  const lt = cut.lastIndexOf("<");
  if (lt >= 0 && cut.indexOf(">", lt) < 0) cut = cut.slice(0, lt);
  if ((cut.match(/`/g) ?? []).length % 2 === 1) cut = cut.slice(0, cut.lastIndexOf("`"));
  return cut;
}
function escapeCell(value) {
  if (value === void 0 || value === null) return "";
  const s = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return s.replace(/\r\n?/g, "\n").replace(/\|/g, "\\|").replace(/\n/g, "<br>");
}
function table(headers, rows, opts = {}) {
  if (headers.length === 0) throw new Error("table() needs at least one header");
  const delim = headers.map((_, i) => {
    const a = opts.align?.[i];
    return a === "center" ? ":---:" : a === "right" ? "---:" : a === "left" ? ":---" : "---";
  });
  const row = (cells) => `| ${headers.map((_, i) => escapeCell(cells[i])).join(" | ")} |`;
  return [row(headers), `| ${delim.join(" | ")} |`, ...rows.map(row)].join("\n");
}
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function details(summary, body, opts = {}) {
  return `<details${opts.open ? " open" : ""}><summary>${escapeHtml(summary)}</summary>

${body.replace(/\s+$/, "")}

</details>`;
}
function code(text) {
  const runs = text.match(/`+/g) ?? [];
  const n = runs.reduce((m, r) => Math.max(m, r.length), 0) + 1;
  const ticks = "`".repeat(n);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${ticks}${pad}${text.replace(/\n/g, " ")}${pad}${ticks}`;
}
function codeBlock(text, lang = "") {
  const runs = text.match(/^\s*`{3,}/gm) ?? [];
  const n = Math.max(3, ...runs.map((r) => r.trim().length + 1));
  const fence = "`".repeat(n);
  return `${fence}${lang}
${text.replace(/\s+$/, "")}
${fence}`;
}
function escapeMarkdown(text) {
  return text.replace(/([\\`*_{}[\]<>()#+!|~])/g, "\\$1");
}
function commentMarker(marker) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/:]*(-[A-Za-z0-9._/:]+)*$/.test(marker)) {
    throw new Error(`Invalid sticky-comment marker '${marker}': use letters, digits, '.', '_', '/', ':' and single '-'.`);
  }
  return `<!-- slipway:${marker} -->`;
}

export {
  GITHUB_LIMITS,
  truncateMarkdown,
  escapeCell,
  table,
  escapeHtml,
  details,
  code,
  codeBlock,
  escapeMarkdown,
  commentMarker
};

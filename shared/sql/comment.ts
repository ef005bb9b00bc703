/**
 * Comments in printed plans (`--dry-run`) carry names and reasons that come
 * from input: schema names, PR titles, environment names. A plan is meant to
 * be pasted into psql / snowsql, so a comment must never end early: PostgreSQL
 * ends a `--` comment at LF or CR, other tools at U+2028/U+2029 or NEL, and
 * bidi controls can make a line read differently from what runs. Every plan
 * printer writes comments through `sqlComment`, which keeps the text on one
 * line and shows every such character as a visible `\u{…}` escape.
 */

/**
 * Characters that never appear raw in a comment: C0/C1 controls and DEL,
 * line/paragraph separators, bidi embeddings/overrides/isolates and marks,
 * zero-width characters and BOM, and lone surrogates.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with every unsafe character (and the backslash, so escapes stay unambiguous) shown as an escape. */
export function commentText(text: string): string {
  return String(text)
    .replace(/\\/g, '\\\\')
    .replace(UNSAFE, (c) => `\\u{${c.charCodeAt(0).toString(16).padStart(4, '0')}}`);
}

/** One `-- …` line whose text cannot leave the comment, whatever it holds. */
export function sqlComment(text: string): string {
  return `-- ${commentText(text)}`;
}

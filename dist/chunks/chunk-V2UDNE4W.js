import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);

// shared/runtime/port.ts
function stringifyOutput(value) {
  return typeof value === "string" ? value : JSON.stringify(value);
}
function redactSecrets(text, secrets) {
  let out = text;
  const sorted = [...secrets].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  for (const s of sorted) out = out.split(s).join("***");
  return out;
}

export {
  stringifyOutput,
  redactSecrets
};

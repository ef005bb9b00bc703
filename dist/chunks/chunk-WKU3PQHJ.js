import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parseFailOn
} from "./chunk-2PTZB4HT.js";
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// actions/slim-ci/inputs.ts
function selectorWords(value) {
  if (value === void 0) return void 0;
  const words = value.split(/\s+/).filter(Boolean);
  return words.length ? words : void 0;
}
function onMissing(value) {
  const v = (value ?? "fail").trim().toLowerCase();
  if (v === "fail" || v === "full-build") return v;
  throw new UserError(`Input on-missing-state must be fail or full-build, got '${value}'.`, {
    hint: "fail (the default) refuses to run without production state; full-build builds everything and says so in the report."
  });
}
function mode(value) {
  const v = (value ?? "check").trim().toLowerCase();
  if (v === "check" || v === "save-state") return v;
  throw new UserError(`Input mode must be check or save-state, got '${value}'.`, {
    hint: "check (the default) runs slim CI on a pull request; save-state stores the production manifest after a deploy."
  });
}
function parseSlimCiInputs(inputs) {
  return {
    mode: mode(inputs.get("mode")),
    command: inputs.get("command") ?? "dbt build",
    projectDir: inputs.get("project-dir") ?? ".",
    profilesDir: inputs.get("profiles-dir"),
    target: inputs.get("target"),
    stateTarget: inputs.get("state-target") ?? "prod",
    select: selectorWords(inputs.get("select")),
    exclude: selectorWords(inputs.get("exclude")) ?? [],
    defer: inputs.bool("defer", true),
    favorState: inputs.bool("favor-state", false),
    onMissingState: onMissing(inputs.get("on-missing-state")),
    comment: inputs.bool("comment", true),
    token: inputs.get("github-token"),
    manifest: inputs.get("manifest"),
    deployWorkflow: inputs.get("deploy-workflow"),
    artifactName: inputs.get("state-artifact") ?? "slipway-state",
    sha: inputs.get("sha"),
    liveManifestSha: inputs.get("live-manifest-sha"),
    liveStateEnvironment: inputs.get("live-state-environment"),
    adminSchema: inputs.get("admin-schema") ?? "SLIPWAY",
    adminDatabase: inputs.get("admin-database"),
    impact: inputs.bool("impact", false),
    impactFailOn: failOn(inputs.get("impact-fail-on")),
    impactChildren: inputs.bool("impact-children", false),
    impactSensitive: inputs.get("impact-sensitive")?.split(/[\s,]+/).filter(Boolean),
    impactSamples: samples(inputs.get("impact-samples"))
  };
}
function failOn(value) {
  if (value !== void 0) parseFailOn(value);
  return value;
}
function samples(value) {
  if (value === void 0) return void 0;
  if (!/^\d+$/.test(value.trim())) throw new UserError(`Input impact-samples must be a whole number, got '${value}'.`, { hint: "Use 0 (no sample rows, the default) up to 100." });
  return Number(value.trim());
}

export {
  selectorWords,
  parseSlimCiInputs
};

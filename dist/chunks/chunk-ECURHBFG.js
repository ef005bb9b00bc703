import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  configFromEnv,
  loadProfile
} from "./chunk-J4UHCTT6.js";
import {
  redactSecrets,
  stringifyOutput
} from "./chunk-V2UDNE4W.js";
import {
  ExitCode,
  UserError,
  describeError,
  exitCodeFor
} from "./chunk-WLODUQ4F.js";

// shared/cli/common.ts
import { Option } from "../vendor/commander.js";
import { existsSync } from "node:fs";
import { join } from "node:path";

// shared/runtime/cli-runtime.ts
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
var CliRuntime = class {
  kind = "cli";
  secrets = /* @__PURE__ */ new Set();
  out = {};
  write;
  verbose;
  summaryFile;
  exported = {};
  summaries = [];
  annotations = [];
  constructor(opts = {}) {
    this.write = opts.write ?? ((line) => process.stderr.write(line + "\n"));
    this.verbose = opts.verbose ?? false;
    this.summaryFile = opts.summaryFile ?? process.env.SLIPWAY_SUMMARY_FILE;
  }
  log(prefix, message) {
    this.write(this.redact(prefix + message));
  }
  debug(message) {
    if (this.verbose) this.log("debug: ", message);
  }
  info(message) {
    this.log("", message);
  }
  warn(message, props) {
    this.annotations.push({ level: "warning", message, props });
    this.log("warning: ", message);
  }
  error(message, props) {
    this.annotations.push({ level: "error", message, props });
    this.log("error: ", message);
  }
  annotate(level, message, props) {
    if (level === "error") this.error(message, props);
    else if (level === "warning") this.warn(message, props);
    else {
      this.annotations.push({ level, message, props });
      this.log("notice: ", message);
    }
  }
  async group(title, fn) {
    this.log("", `» ${title}`);
    return fn();
  }
  mask(secret) {
    if (secret) this.secrets.add(secret);
  }
  redact(text) {
    return redactSecrets(text, this.secrets);
  }
  setOutput(name, value) {
    this.out[name] = stringifyOutput(value);
  }
  exportVariable(name, value) {
    this.exported[name] = value;
    process.env[name] = value;
  }
  async appendSummary(markdown) {
    this.summaries.push(markdown);
    if (this.summaryFile) {
      await mkdir(dirname(this.summaryFile), { recursive: true });
      await appendFile(this.summaryFile, this.redact(markdown) + "\n");
    }
  }
  get outputs() {
    return this.out;
  }
};

// shared/cli/common.ts
function withConnectionOptions(cmd) {
  return cmd.option("--profiles-dir <dir>", "folder holding profiles.yml (default: $DBT_PROFILES_DIR, the project dir, ~/.dbt)").option("--profile <name>", "profile in profiles.yml (default: dbt_project.yml's profile)").option("-t, --target <name>", "target in the profile (default: the profile's target)");
}
function withArtifactOptions(cmd, which = ["manifest", "run-results", "sources"]) {
  cmd.option("--project-dir <dir>", "dbt project folder (artifacts are read from <dir>/target/)", ".");
  if (which.includes("manifest")) cmd.option("--manifest <file>", "manifest.json (default: <project-dir>/target/manifest.json)");
  if (which.includes("run-results")) cmd.option("--run-results <file>", "run_results.json (default: <project-dir>/target/run_results.json)");
  if (which.includes("sources")) cmd.option("--sources <file>", "sources.json (default: <project-dir>/target/sources.json)");
  return cmd;
}
function withFormatOption(cmd) {
  return cmd.addOption(new Option("--format <format>", "output format: text for people, json for tooling (on stdout; logs go to stderr)").choices(["text", "json"]).default("text"));
}
function withDryRunOptions(cmd) {
  return cmd.option("--dry-run", "print the SQL it would run, one statement per block ending in ;, and change nothing").addOption(new Option("--dialect <dialect>", "SQL dialect for --dry-run (default: the connection's)").choices(["snowflake", "postgres"]));
}
function artifactPath(opts, kind) {
  const explicit = kind === "manifest" ? opts.manifest : kind === "run-results" ? opts.runResults : opts.sources;
  if (explicit) return explicit;
  const file = kind === "manifest" ? "manifest.json" : kind === "run-results" ? "run_results.json" : "sources.json";
  return join(opts.projectDir ?? ".", "target", file);
}
async function resolveConnection(opts, rt, env = process.env) {
  const named = opts.profilesDir || opts.profile || opts.target || env.DBT_PROFILES_DIR;
  const localProfiles = existsSync(join(opts.projectDir ?? ".", "profiles.yml"));
  if (named || localProfiles) {
    return loadProfile({ ...opts, env, mask: (s) => rt.mask(s) });
  }
  const fromEnv = await configFromEnv(env, (s) => rt.mask(s));
  if (fromEnv) return fromEnv;
  try {
    return await loadProfile({ ...opts, env, mask: (s) => rt.mask(s) });
  } catch (err) {
    throw new UserError("No warehouse connection is configured.", {
      hint: "Pass --profiles-dir/--profile/--target for a dbt profile (type snowflake, postgres, or pglite), or set SNOWFLAKE_ACCOUNT/SNOWFLAKE_USER/SNOWFLAKE_PRIVATE_KEY, SLIPWAY_PGLITE_PATH, or DATABASE_URL.",
      cause: err
    });
  }
}
function dialectOf(config) {
  return config.type === "snowflake" ? "snowflake" : "postgres";
}
function handle(body) {
  return async (...args) => {
    const cmd = args[args.length - 1];
    const opts = cmd.optsWithGlobals();
    const format = opts.format ?? "text";
    const rt = new CliRuntime({ verbose: !!opts.verbose || !!process.env.SLIPWAY_DEBUG });
    const ctx = {
      rt,
      format,
      emit(result, text) {
        const out = format === "json" ? JSON.stringify(result, null, 2) : text(result);
        process.stdout.write(rt.redact(out.endsWith("\n") ? out : out + "\n"));
      }
    };
    try {
      const code = await body(opts, ctx, cmd);
      process.exitCode = code ?? ExitCode.ok;
    } catch (err) {
      const code = exitCodeFor(err);
      process.stderr.write(rt.redact(`error: ${describeError(err)}`) + "\n");
      if (code === ExitCode.internal && err instanceof Error && err.stack && (opts.verbose || process.env.SLIPWAY_DEBUG)) {
        process.stderr.write(rt.redact(err.stack) + "\n");
      }
      process.exitCode = code;
    }
  };
}

export {
  withConnectionOptions,
  withArtifactOptions,
  withFormatOption,
  withDryRunOptions,
  artifactPath,
  resolveConnection,
  dialectOf,
  handle
};

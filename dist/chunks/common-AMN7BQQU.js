import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  artifactPath,
  dialectOf,
  handle,
  resolveConnection,
  withArtifactOptions,
  withConnectionOptions,
  withDryRunOptions,
  withFormatOption
} from "./chunk-ECURHBFG.js";
import "./chunk-J4UHCTT6.js";
import "./chunk-V2UDNE4W.js";
import "./chunk-WLODUQ4F.js";
export {
  artifactPath,
  dialectOf,
  handle,
  resolveConnection,
  withArtifactOptions,
  withConnectionOptions,
  withDryRunOptions,
  withFormatOption
};

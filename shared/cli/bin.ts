#!/usr/bin/env node
import { runCli } from './program.js';

runCli(process.argv).catch((err: unknown) => {
  process.stderr.write(`Internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 3;
});

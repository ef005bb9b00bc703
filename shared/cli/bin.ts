#!/usr/bin/env node
import { runCli } from './program.js';

// `slipway … --help | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

runCli(process.argv).catch((err: unknown) => {
  process.stderr.write(`Internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 3;
});

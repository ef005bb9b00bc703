import type { Command } from 'commander';

/** Placeholder: the feature's issue fills this in. */
export function register(_program: Command): void {}

/**
 * The cache port slim CI stores production state in. Core code receives a
 * `StateCache`; the action passes the GitHub Actions cache
 * (shared/actions-adapter/cache.ts, the only file that imports
 * @actions/cache), the CLI passes `LocalDirStateCache` below.
 *
 * Semantics follow @actions/cache: `save` stores the given paths under a key
 * (keys are immutable: saving an existing key is a no-op that reports
 * `false`); `restore` tries the primary key exactly, then each restore key as
 * a prefix, newest entry first, and returns the key that matched.
 */
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface StateCache {
  /** Human name for logs and reports ("GitHub Actions cache", "local cache ~/.cache/slipway"). */
  readonly description: string;
  /** Store `paths` under `key`. Returns false when the key already exists (entries are immutable). */
  save(paths: string[], key: string): Promise<boolean>;
  /** Restore into `paths`; returns the matched key, or undefined on a miss. */
  restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined>;
}

interface LocalEntry {
  key: string;
  createdAt: string;
  /** How many paths were stored; stored as `<entry>/data/<index>`. */
  count: number;
}

/** The default local cache folder: $SLIPWAY_CACHE_DIR, $XDG_CACHE_HOME/slipway or ~/.cache/slipway. */
export function defaultLocalCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SLIPWAY_CACHE_DIR) return resolve(env.SLIPWAY_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'slipway');
  return join(homedir(), '.cache', 'slipway');
}

/** A folder on disk with one sub-folder per key: what the CLI uses outside GitHub Actions. */
export class LocalDirStateCache implements StateCache {
  readonly description: string;
  constructor(readonly dir: string = defaultLocalCacheDir()) {
    this.description = `local cache ${dir}`;
  }

  private entryDir(key: string): string {
    return join(this.dir, 'entries', encodeURIComponent(key));
  }

  async save(paths: string[], key: string): Promise<boolean> {
    const dir = this.entryDir(key);
    if (await exists(join(dir, 'entry.json'))) return false;
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    await rm(tmp, { recursive: true, force: true });
    await mkdir(join(tmp, 'data'), { recursive: true });
    for (const [i, p] of paths.entries()) await cp(p, join(tmp, 'data', String(i)), { recursive: true });
    const entry: LocalEntry = { key, createdAt: new Date().toISOString(), count: paths.length };
    await writeFile(join(tmp, 'entry.json'), JSON.stringify(entry));
    // Publish atomically: a reader never sees a half-written entry.
    const { rename } = await import('node:fs/promises');
    try {
      await rename(tmp, dir);
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      if (await exists(join(dir, 'entry.json'))) return false;
      throw err;
    }
    return true;
  }

  async restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined> {
    const entries = await this.list();
    let hit = entries.find((e) => e.key === primaryKey);
    for (const prefix of restoreKeys) {
      if (hit) break;
      hit = entries.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    }
    if (!hit) return undefined;
    const dir = this.entryDir(hit.key);
    for (const [i, p] of paths.entries()) {
      if (i >= hit.count) break;
      // Copy over what is there (like @actions/cache extracting its archive); never delete the destination.
      await cp(join(dir, 'data', String(i)), p, { recursive: true, force: true });
    }
    return hit.key;
  }

  /** Every complete entry (unreadable ones are skipped). */
  async list(): Promise<LocalEntry[]> {
    let names: string[];
    try {
      names = await readdir(join(this.dir, 'entries'));
    } catch {
      return [];
    }
    const out: LocalEntry[] = [];
    for (const n of names) {
      try {
        out.push(JSON.parse(await readFile(join(this.dir, 'entries', n, 'entry.json'), 'utf8')) as LocalEntry);
      } catch {
        /* an in-progress or damaged entry */
      }
    }
    return out;
  }
}

/** Whether a path exists (file or folder). */
export async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

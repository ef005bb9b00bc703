/** Test helpers for slim CI: temp folders, the dbt stand-in, a zip writer, a selection stub. */
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import type { Manifest } from '../../shared/dbt/artifacts.js';
import type { SelectFn } from '../../shared/slim-ci/selection.js';

const here = dirname(fileURLToPath(import.meta.url));

export async function tempDir(label: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `slipway-slim-ci-${label}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Install the dbt stand-in as `<dir>/bin/dbt` and return the env to run it
 * with (PATH first). It records its argv to `<dir>/dbt-calls.jsonl`.
 */
export async function installFakeDbt(dir: string, env: Record<string, string> = {}): Promise<{ env: NodeJS.ProcessEnv; calls: () => Promise<{ argv: string[]; cwd: string }[]> }> {
  const bin = join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  await copyFile(join(here, 'fake-dbt', 'dbt.cjs'), join(bin, 'dbt'));
  await chmod(join(bin, 'dbt'), 0o755);
  const log = join(dir, 'dbt-calls.jsonl');
  return {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, FAKE_DBT_LOG: log, ...env },
    calls: async () => {
      try {
        return (await readFile(log, 'utf8'))
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
      } catch {
        return [];
      }
    },
  };
}

/** A minimal zip writer (deflate or store), to test the artifact reader on archives made here. */
export function makeZip(files: Record<string, Buffer | string>, opts: { store?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const comp = opts.store ? data : deflateRawSync(data);
    const method = opts.store ? 0 : 8;
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, comp);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x800, 8);
    cen.writeUInt16LE(method, 10);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(comp.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(nameBuf.length, 28);
    cen.writeUInt32LE(offset, 42);
    centrals.push(cen, nameBuf);
    offset += 30 + nameBuf.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(files).length, 8);
  eocd.writeUInt16LE(Object.keys(files).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/**
 * A deliberately simple stand-in for the selection engine (checksum changes
 * plus descendants), used only where a test needs a known selection; the real
 * engine is tested in test/selection.
 */
export const stubSelect: SelectFn = ({ manifest, state }: { manifest: Manifest; state?: Manifest }) => {
  if (!state) return { selected: Object.keys(manifest.nodes).sort(), modified: {} };
  const modified: Record<string, string[]> = {};
  for (const [id, n] of Object.entries(manifest.nodes)) {
    const old = state.nodes[id];
    if (!old) modified[id] = ['new'];
    else if (old.checksum?.checksum !== n.checksum?.checksum) modified[id] = ['body'];
  }
  const selected = new Set(Object.keys(modified));
  const queue = [...selected];
  while (queue.length) {
    const id = queue.pop()!;
    for (const c of manifest.child_map?.[id] ?? []) if (!selected.has(c)) (selected.add(c), queue.push(c));
  }
  return { selected: [...selected].sort(), modified };
};

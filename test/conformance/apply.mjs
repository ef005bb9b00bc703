/** Apply one edit of test/conformance/mutations.mjs to a copy of the project in `dir`. */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function applyEdit(dir, e, mutation) {
  if (e.move) {
    mkdirSync(dirname(join(dir, e.move[1])), { recursive: true });
    renameSync(join(dir, e.move[0]), join(dir, e.move[1]));
    return;
  }
  const f = join(dir, e.file);
  if (e.delete) return rmSync(f);
  if (e.write !== undefined) {
    mkdirSync(dirname(f), { recursive: true });
    return writeFileSync(f, e.write);
  }
  const text = readFileSync(f, 'utf8');
  if (e.append !== undefined) return writeFileSync(f, text + e.append);
  const [from, to] = e.replace;
  const n = text.split(from).length - 1;
  if (n !== 1) throw new Error(`mutation ${mutation}: ${JSON.stringify(from)} occurs ${n} times in ${e.file} (needs exactly once)`);
  writeFileSync(f, text.replace(from, () => to));
}

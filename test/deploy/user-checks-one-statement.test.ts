/**
 * A pre-cutover check file runs as exactly one statement, enforced by the
 * driver (extended protocol), not by reading the text: a file that slips a
 * second statement past the text guard fails its check and the second
 * statement never runs with the deploy role.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadUserChecks, runUserChecks } from '../../shared/deploy/checks.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';

describePg('user check files', () => {
  it("a second statement hidden from the text guard (SELECT '--'; …) fails the check and does not run", async () => {
    const db = await freshPgDatabase('userchecks');
    try {
      const dir = mkdtempSync(join(tmpdir(), 'slipway-checks-'));
      writeFileSync(join(dir, 'sneaky.sql'), "SELECT '--'; CREATE TABLE pwned (id int)");
      writeFileSync(join(dir, 'honest.sql'), 'SELECT 1 WHERE false');
      const files = await loadUserChecks(dir);
      expect(files.map((f) => f.name)).toEqual(['honest.sql', 'sneaky.sql']); // the text guard let it through
      const results = await runUserChecks(db.warehouse, files, { suffix: '__BLUE', colour: 'blue' });
      expect(results.map((r) => `${r.name} ${r.status}`)).toEqual(['user-check:honest.sql pass', 'user-check:sneaky.sql fail']);
      const pwned = await db.warehouse.query(`SELECT 1 FROM pg_class WHERE relname = 'pwned'`);
      expect(pwned.rows).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});

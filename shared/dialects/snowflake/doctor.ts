/** Snowflake SQL for `slipway doctor` (see ../doctor.ts). */
import { quoteIdent } from '../../sql/identifiers.js';
import type { DoctorSql, GrantTarget } from '../doctor.js';

const D = 'snowflake' as const;

function on(t: GrantTarget): string {
  const n = () => quoteIdent(t.name ?? '', D);
  switch (t.kind) {
    case 'account':
      return 'ACCOUNT';
    case 'warehouse':
      return `WAREHOUSE ${n()}`;
    case 'database':
      return `DATABASE ${n()}`;
    case 'future schemas':
      return `FUTURE SCHEMAS IN DATABASE ${n()}`;
    case 'future tables':
      return `FUTURE TABLES IN DATABASE ${n()}`;
    case 'future views':
      return `FUTURE VIEWS IN DATABASE ${n()}`;
  }
}

export const snowflakeDoctorSql: DoctorSql = {
  dialect: D,
  whoAmI: () => ({ sql: 'SELECT CURRENT_ROLE() AS "role", CURRENT_DATABASE() AS "database", CURRENT_WAREHOUSE() AS "warehouse"', purpose: 'which role, database and warehouse the session uses' }),
  grantsToRole: (role) => ({ sql: `SHOW GRANTS TO ROLE ${quoteIdent(role, D, 'role')}`, purpose: `privileges held by ${role} (and the roles granted to it)` }),
  futureGrantsInDatabase: (database) => ({ sql: `SHOW FUTURE GRANTS IN DATABASE ${quoteIdent(database, D, 'database')}`, purpose: `future grants in ${database}` }),
  grant: (privilege, target, grantee) => ({ sql: `GRANT ${privilege} ON ${on(target)} TO ROLE ${quoteIdent(grantee, D, 'role')}` }),
};

/**
 * Metadata rows as Snowflake returns them to snowflake-sdk: INFORMATION_SCHEMA
 * columns upper-case with TIMESTAMP_LTZ rendered as text with an offset,
 * SHOW TABLES HISTORY columns lower-case (retention_time as text, kind
 * TABLE/TRANSIENT, dropped_on empty for current objects), QUERY_HISTORY rows.
 *
 * The story: ANALYTICS__BLUE is live. dbt rebuilds its `table` models every
 * night at 02:00 (-08:00) with CREATE OR REPLACE; a bad deploy went live at
 * 2026-11-22 09:00 -08:00 and we recover to 08:30 -08:00 (16:30Z).
 */
export const NOW = '2026-11-22 12:00:00.000 -0800'; // 20:00Z
export const POINT = '2026-11-22T16:30:00Z'; // 08:30 -08:00

const t = (name: string, over: Record<string, unknown> = {}) => ({
  TABLE_CATALOG: 'PROD',
  TABLE_SCHEMA: 'ANALYTICS__BLUE',
  TABLE_NAME: name,
  TABLE_TYPE: 'BASE TABLE',
  IS_TRANSIENT: 'NO',
  RETENTION_TIME: 7,
  CREATED: '2026-11-01 02:00:05.120 -0800',
  LAST_ALTERED: '2026-11-22 09:01:00.000 -0800',
  ...over,
});

export const informationSchemaTables = [
  // permanent incremental model, created weeks ago, 7-day retention: clone + swap
  t('FCT_ORDERS'),
  // transient dbt table rebuilt at 09:00 by the bad deploy (CREATE OR REPLACE): the 02:00 version is in history → UNDROP
  t('DIM_CUSTOMERS', { IS_TRANSIENT: 'YES', RETENTION_TIME: 1, CREATED: '2026-11-22 09:00:12.000 -0800' }),
  // transient, existed at the point, 1-day retention: clone + swap
  t('STG_PAYMENTS', { IS_TRANSIENT: 'YES', RETENTION_TIME: 1, CREATED: '2026-11-22 02:00:40.000 -0800' }),
  // new model added by the bad deploy: did not exist at the point
  t('FCT_REFUNDS', { IS_TRANSIENT: 'YES', RETENTION_TIME: 1, CREATED: '2026-11-22 09:00:30.000 -0800' }),
  // retention 0: no time travel
  t('AGG_DAILY', { RETENTION_TIME: 0 }),
  // a dbt view model in the colour schema
  t('V_ORDERS_ENRICHED', { TABLE_TYPE: 'VIEW', RETENTION_TIME: 0 }),
];

export const showTablesHistory = [
  // current objects (dropped_on empty)
  { created_on: '2026-11-01 02:00:05.120 -0800', name: 'FCT_ORDERS', database_name: 'PROD', schema_name: 'ANALYTICS__BLUE', kind: 'TABLE', retention_time: '7', dropped_on: null },
  { created_on: '2026-11-22 09:00:12.000 -0800', name: 'DIM_CUSTOMERS', database_name: 'PROD', schema_name: 'ANALYTICS__BLUE', kind: 'TRANSIENT', retention_time: '1', dropped_on: null },
  // DIM_CUSTOMERS version built at 02:00, replaced at 09:00 (existed at the point)
  { created_on: '2026-11-22 02:00:10.000 -0800', name: 'DIM_CUSTOMERS', database_name: 'PROD', schema_name: 'ANALYTICS__BLUE', kind: 'TRANSIENT', retention_time: '1', dropped_on: '2026-11-22 09:00:12.000 -0800' },
  // the previous night's version, replaced at 02:00
  { created_on: '2026-11-21 02:00:09.000 -0800', name: 'DIM_CUSTOMERS', database_name: 'PROD', schema_name: 'ANALYTICS__BLUE', kind: 'TRANSIENT', retention_time: '1', dropped_on: '2026-11-22 02:00:10.000 -0800' },
  { created_on: '2026-11-22 02:00:40.000 -0800', name: 'STG_PAYMENTS', database_name: 'PROD', schema_name: 'ANALYTICS__BLUE', kind: 'TRANSIENT', retention_time: '1', dropped_on: '' },
];

/** A MERGE run by the bad deploy's incremental model (10 minutes before NOW). */
export const mergeStatement = {
  QUERY_ID: '01b8a2f3-0000-7c1e-0000-00a1b2c3d4e5',
  QUERY_TYPE: 'MERGE',
  START_TIME: '2026-11-22 11:50:00.000 -0800',
  END_TIME: '2026-11-22 11:50:02.500 -0800',
  EXECUTION_STATUS: 'SUCCESS',
};

/** A CREATE TABLE AS SELECT (dbt table build): not accepted by BEFORE(STATEMENT). */
export const ctasStatement = { ...mergeStatement, QUERY_ID: '01b8a2f3-0000-7c1e-0000-00a1b2c3d4e6', QUERY_TYPE: 'CREATE_TABLE_AS_SELECT' };

/** A SELECT from 20 days ago: outside the 14-day statement window. */
export const oldStatement = { ...mergeStatement, QUERY_ID: '01b8a2f3-0000-7c1e-0000-00a1b2c3d4e7', QUERY_TYPE: 'SELECT', START_TIME: '2026-11-02 11:50:00.000 -0800', END_TIME: '2026-11-02 11:50:01.000 -0800' };

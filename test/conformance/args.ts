/** dbt ls arguments → `slipway select` arguments: the same selectors, with dbt ls's defaults made explicit. */
export function slipwayArgs(dbtArgs: string[]): string[] {
  const out = [...dbtArgs];
  // Without --select, dbt ls selects its default includes (dbt-core graph/cli.py DEFAULT_INCLUDES);
  // slipway select defaults to state:modified+ (slim CI), so dbt's default is passed explicitly.
  if (!out.includes('-s')) out.unshift('-s', 'fqn:* source:* exposure:* metric:* semantic_model:*');
  // Without --resource-type, dbt ls lists its default types; slipway select keeps every type.
  if (!out.includes('--resource-type')) out.push('--resource-type', 'default');
  return out;
}

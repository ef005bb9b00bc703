# Reference Snowflake layout for a dbt + Slipway team, one environment per
# state (terraform plan -var-file=environments/prod.tfvars).
#
#   databases   RAW_<ENV> (ingested data), ANALYTICS_<ENV> (dbt models)
#   warehouses  LOADING_WH_<ENV>, TRANSFORMING_WH_<ENV>, REPORTING_WH_<ENV>
#   roles       LOADER_<ENV>       writes RAW
#               TRANSFORMER_<ENV>  reads RAW, writes ANALYTICS (dbt, Slipway)
#               REPORTER_<ENV>     reads ANALYTICS only (BI, analysts)
#   hierarchy   REPORTER -> TRANSFORMER -> SYSADMIN, LOADER -> SYSADMIN
#
# This is exactly the role intent grant-policy checks by default
# (LOADER writes RAW, TRANSFORMER reads RAW and writes ANALYTICS, REPORTER
# reads ANALYTICS), so a plan of this layout passes with no findings.
locals {
  env = upper(var.environment)
}

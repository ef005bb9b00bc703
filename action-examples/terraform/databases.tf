resource "snowflake_database" "raw" {
  name                        = "RAW_${local.env}"
  comment                     = "Raw data written by ingestion tools (LOADER). Managed by Terraform."
  data_retention_time_in_days = var.data_retention_days

  lifecycle {
    prevent_destroy = true
  }
}

# dbt builds here. Slipway's blue-green deploys keep each published schema
# (e.g. MARTS) as views over colour schemas MARTS__BLUE / MARTS__GREEN, and
# record deploys in the SLIPWAY schema; the TRANSFORMER role creates and owns
# all of them, so no schema is declared here.
resource "snowflake_database" "analytics" {
  name                        = "ANALYTICS_${local.env}"
  comment                     = "dbt models (TRANSFORMER), read by REPORTER. Managed by Terraform."
  data_retention_time_in_days = var.data_retention_days

  lifecycle {
    prevent_destroy = true
  }
}

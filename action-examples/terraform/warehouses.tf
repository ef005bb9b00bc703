resource "snowflake_warehouse" "loading" {
  name           = "LOADING_WH_${local.env}"
  comment        = "Ingestion tools (LOADER)."
  warehouse_size = var.warehouse_size["LOADING"]
  auto_suspend   = 60
  auto_resume    = true
}

resource "snowflake_warehouse" "transforming" {
  name                         = "TRANSFORMING_WH_${local.env}"
  comment                      = "dbt builds, Slipway checks and cutovers (TRANSFORMER)."
  warehouse_size               = var.warehouse_size["TRANSFORMING"]
  auto_suspend                 = 60
  auto_resume                  = true
  statement_timeout_in_seconds = 7200
}

resource "snowflake_warehouse" "reporting" {
  name           = "REPORTING_WH_${local.env}"
  comment        = "BI tools and analysts (REPORTER)."
  warehouse_size = var.warehouse_size["REPORTING"]
  auto_suspend   = 300
  auto_resume    = true
}

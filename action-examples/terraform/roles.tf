resource "snowflake_account_role" "loader" {
  name    = "LOADER_${local.env}"
  comment = "Writes raw data into RAW_${local.env}."
}

resource "snowflake_account_role" "transformer" {
  name    = "TRANSFORMER_${local.env}"
  comment = "dbt and Slipway: reads RAW_${local.env}, builds ANALYTICS_${local.env}."
}

resource "snowflake_account_role" "reporter" {
  name    = "REPORTER_${local.env}"
  comment = "Read-only access to ANALYTICS_${local.env}."
}

# Hierarchy: every custom role reaches SYSADMIN, so administrators can manage
# what the roles own. TRANSFORMER inherits REPORTER's reads (never the other
# way round: a read-only role must not inherit a writer).
resource "snowflake_grant_account_role" "reporter_to_transformer" {
  role_name        = snowflake_account_role.reporter.name
  parent_role_name = snowflake_account_role.transformer.name
}

resource "snowflake_grant_account_role" "transformer_to_sysadmin" {
  role_name        = snowflake_account_role.transformer.name
  parent_role_name = "SYSADMIN"
}

resource "snowflake_grant_account_role" "loader_to_sysadmin" {
  role_name        = snowflake_account_role.loader.name
  parent_role_name = "SYSADMIN"
}

# Users get their functional role; users themselves are managed elsewhere
# (SCIM / your IdP), so only the grants live here.
resource "snowflake_grant_account_role" "loader_users" {
  for_each  = var.loader_users
  role_name = snowflake_account_role.loader.name
  user_name = each.value
}

resource "snowflake_grant_account_role" "transformer_users" {
  for_each  = var.transformer_users
  role_name = snowflake_account_role.transformer.name
  user_name = each.value
}

resource "snowflake_grant_account_role" "reporter_users" {
  for_each  = var.reporter_users
  role_name = snowflake_account_role.reporter.name
  user_name = each.value
}

# Slim CI defers unchanged parents to production: the CI role reads this
# environment's published data exactly as a BI tool does, by inheriting the
# read-only REPORTER role (never a writer). Set defer_readers in prod.tfvars.
resource "snowflake_grant_account_role" "reporter_to_defer_readers" {
  for_each         = var.defer_readers
  role_name        = snowflake_account_role.reporter.name
  parent_role_name = each.value
}

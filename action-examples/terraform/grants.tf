# Privileges, per role. Only read privileges (USAGE, SELECT, REFERENCES) go to
# REPORTER; writes are limited to the database each role's class may write.
# Future grants are declared at database level only: a schema-level future
# grant would silently shadow them in that schema.

# --- LOADER: writes RAW -------------------------------------------------------

resource "snowflake_grant_privileges_to_account_role" "loader_warehouse" {
  account_role_name = snowflake_account_role.loader.name
  privileges        = ["USAGE"]

  on_account_object {
    object_type = "WAREHOUSE"
    object_name = snowflake_warehouse.loading.name
  }
}

resource "snowflake_grant_privileges_to_account_role" "loader_raw" {
  account_role_name = snowflake_account_role.loader.name
  privileges        = ["CREATE SCHEMA", "USAGE"]

  on_account_object {
    object_type = "DATABASE"
    object_name = snowflake_database.raw.name
  }
}

# --- TRANSFORMER: reads RAW, writes ANALYTICS -----------------------------------

resource "snowflake_grant_privileges_to_account_role" "transformer_warehouse" {
  account_role_name = snowflake_account_role.transformer.name
  privileges        = ["USAGE"]

  on_account_object {
    object_type = "WAREHOUSE"
    object_name = snowflake_warehouse.transforming.name
  }
}

resource "snowflake_grant_privileges_to_account_role" "transformer_raw" {
  account_role_name = snowflake_account_role.transformer.name
  privileges        = ["USAGE"]

  on_account_object {
    object_type = "DATABASE"
    object_name = snowflake_database.raw.name
  }
}

resource "snowflake_grant_privileges_to_account_role" "transformer_raw_schemas" {
  account_role_name = snowflake_account_role.transformer.name
  privileges        = ["USAGE"]

  on_schema {
    future_schemas_in_database = snowflake_database.raw.name
  }
}

resource "snowflake_grant_privileges_to_account_role" "transformer_raw_tables" {
  for_each          = toset(["TABLES", "VIEWS"])
  account_role_name = snowflake_account_role.transformer.name
  privileges        = ["SELECT"]

  on_schema_object {
    future {
      object_type_plural = each.value
      in_database        = snowflake_database.raw.name
    }
  }
}

# CREATE SCHEMA lets dbt, pr-schema and blue-green-swap create (and own) the
# published, colour, PR and SLIPWAY schemas in ANALYTICS.
resource "snowflake_grant_privileges_to_account_role" "transformer_analytics" {
  account_role_name = snowflake_account_role.transformer.name
  privileges        = ["CREATE SCHEMA", "USAGE"]

  on_account_object {
    object_type = "DATABASE"
    object_name = snowflake_database.analytics.name
  }
}

# --- REPORTER: reads ANALYTICS ------------------------------------------------

resource "snowflake_grant_privileges_to_account_role" "reporter_warehouse" {
  account_role_name = snowflake_account_role.reporter.name
  privileges        = ["USAGE"]

  on_account_object {
    object_type = "WAREHOUSE"
    object_name = snowflake_warehouse.reporting.name
  }
}

resource "snowflake_grant_privileges_to_account_role" "reporter_analytics" {
  account_role_name = snowflake_account_role.reporter.name
  privileges        = ["USAGE"]

  on_account_object {
    object_type = "DATABASE"
    object_name = snowflake_database.analytics.name
  }
}

resource "snowflake_grant_privileges_to_account_role" "reporter_analytics_schemas" {
  account_role_name = snowflake_account_role.reporter.name
  privileges        = ["USAGE"]

  on_schema {
    future_schemas_in_database = snowflake_database.analytics.name
  }
}

# Slipway's cutover re-points the published views in one atomic swap and
# copies grants onto them, so readers keep SELECT across deploys.
resource "snowflake_grant_privileges_to_account_role" "reporter_analytics_objects" {
  for_each          = toset(["TABLES", "VIEWS"])
  account_role_name = snowflake_account_role.reporter.name
  privileges        = ["SELECT"]

  on_schema_object {
    future {
      object_type_plural = each.value
      in_database        = snowflake_database.analytics.name
    }
  }
}

output "roles" {
  description = "Functional roles of this environment."
  value = {
    loader      = snowflake_account_role.loader.name
    transformer = snowflake_account_role.transformer.name
    reporter    = snowflake_account_role.reporter.name
  }
}

output "databases" {
  description = "Databases of this environment: point the dbt profile's database at analytics."
  value = {
    raw       = snowflake_database.raw.name
    analytics = snowflake_database.analytics.name
  }
}

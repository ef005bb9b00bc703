terraform {
  required_version = ">= 1.5.0"

  required_providers {
    snowflake = {
      source  = "snowflakedb/snowflake"
      version = "~> 2.10"
    }
  }
}

# Credentials come from the environment, never from this code:
# SNOWFLAKE_ORGANIZATION_NAME, SNOWFLAKE_ACCOUNT_NAME, SNOWFLAKE_USER,
# SNOWFLAKE_PRIVATE_KEY (+ SNOWFLAKE_PRIVATE_KEY_PASSPHRASE) and
# SNOWFLAKE_AUTHENTICATOR=SNOWFLAKE_JWT, as the grant-policy workflow sets them.
provider "snowflake" {
  role = var.admin_role
}

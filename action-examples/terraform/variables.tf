variable "environment" {
  description = "Environment this state manages: DEV or PROD. Every object name ends in _<environment>, which grant-policy strips before matching its role intent."
  type        = string

  validation {
    condition     = contains(["DEV", "PROD"], upper(var.environment))
    error_message = "The environment must be DEV or PROD."
  }
}

variable "admin_role" {
  description = "Role Terraform runs as. SYSADMIN creates warehouses and databases; role and grant management needs SECURITYADMIN (or a role granted MANAGE GRANTS)."
  type        = string
  default     = "SECURITYADMIN"
}

variable "data_retention_days" {
  description = "Time travel on the databases. Slipway's point-in-time rollback needs at least 1 day; keep 7 or more in production."
  type        = number
  default     = 7

  validation {
    condition     = var.data_retention_days >= 1
    error_message = "Keep at least 1 day of time travel, or Slipway cannot roll back to a point in time."
  }
}

variable "warehouse_size" {
  description = "Size of each warehouse, per workload."
  type        = map(string)
  default = {
    LOADING      = "XSMALL"
    TRANSFORMING = "SMALL"
    REPORTING    = "XSMALL"
  }
}

variable "loader_users" {
  description = "Service users of ingestion tools (Fivetran, Airbyte) that get the LOADER role."
  type        = set(string)
  default     = []
}

variable "transformer_users" {
  description = "Service users dbt and Slipway connect as (CI and deploys) that get the TRANSFORMER role."
  type        = set(string)
  default     = []
}

variable "reporter_users" {
  description = "BI service users and analysts that get the read-only REPORTER role."
  type        = set(string)
  default     = []
}

variable "defer_readers" {
  description = "Roles of other environments that read this environment's published data through the REPORTER role: in PROD, the CI role (TRANSFORMER_DEV), so slim CI's `dbt build --defer` can read production's live colour schemas. Reads only; see docs/permissions.md."
  type        = set(string)
  default     = []
}

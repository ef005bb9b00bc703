environment         = "PROD"
data_retention_days = 7
transformer_users   = ["DBT_SVC_PROD"]
loader_users        = ["FIVETRAN_SVC_PROD"]
reporter_users      = ["LOOKER_SVC_PROD"]
defer_readers       = ["TRANSFORMER_DEV"]

environment         = "DEV"
data_retention_days = 1
transformer_users   = ["DBT_SVC_DEV"]
loader_users        = ["FIVETRAN_SVC_DEV"]
reporter_users      = []

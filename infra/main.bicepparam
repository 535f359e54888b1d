using 'main.bicep'

// Values that differ per environment come from the environment, so no tenant ids are committed.
// KPI_POWERBI_READERS_GROUP_ID: object id of the Entra group that reads the lake from Power BI.
param namePrefix = readEnvironmentVariable('KPI_NAME_PREFIX', 'kpi')
param powerBiReadersGroupObjectId = readEnvironmentVariable('KPI_POWERBI_READERS_GROUP_ID', '00000000-0000-0000-0000-000000000000')
param kpiSchedule = '0 30 2 * * *'
param refreshMaxRuns = 4
param refreshMaxAttempts = 3
param deployEventSubscription = bool(readEnvironmentVariable('KPI_DEPLOY_EVENT_SUBSCRIPTION', 'false'))

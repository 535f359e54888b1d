// KpiPipeline on Azure: Flex Consumption function app (isolated worker, .NET 10) over a Data Lake Gen2 account,
// identity-based everywhere (no keys, no connection strings), App Insights with local auth off.
// Deploy steps (two phases, because of the Event Grid webhook handshake): docs/deploy.md.
targetScope = 'resourceGroup'

@description('Short lower-case prefix for resource names.')
@minLength(2)
@maxLength(8)
param namePrefix string

@description('Region for every resource.')
param location string = resourceGroup().location

@description('Entra ID object id of the security group whose members read the lake from Power BI (Storage Blob Data Reader on the lake container).')
@minLength(36)
@maxLength(36)
param powerBiReadersGroupObjectId string

@description('Nightly refresh CRON (NCRONTAB, 6 fields, UTC on Flex Consumption). Default 02:30 UTC.')
param kpiSchedule string = '0 30 2 * * *'

@description('Most days the nightly refresh runs per invocation (KPI_REFRESH_MAX_RUNS).')
@minValue(1)
@maxValue(100)
param refreshMaxRuns int = 4

@description('Attempts after which the timer stops retrying a failed day until its drop is re-uploaded or replayed (KPI_REFRESH_MAX_ATTEMPTS).')
@minValue(1)
param refreshMaxAttempts int = 3

@description('Landing blobs older than this many days are deleted (the lake keeps a raw copy of each drop).')
@minValue(7)
param landingRetentionDays int = 60

@description('Flex Consumption scale-out ceiling.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Phase 2 only: create the Event Grid subscription once the app code is deployed (see docs/deploy.md).')
param deployEventSubscription bool = false

param tags object = {
  application: 'KpiPipeline'
}

var suffix = uniqueString(resourceGroup().id, namePrefix)
var prefix = toLower(namePrefix)
var names = {
  identity: 'id-${prefix}-${suffix}'
  workspace: 'log-${prefix}-${suffix}'
  appInsights: 'appi-${prefix}-${suffix}'
  hostStorage: take('st${prefix}fn${suffix}', 24)
  lakeStorage: take('st${prefix}lake${suffix}', 24)
  plan: 'plan-${prefix}-${suffix}'
  app: 'func-${prefix}-${suffix}'
  topic: 'evgt-${prefix}-lake-${suffix}'
}
var containers = {
  landing: 'landing'
  lake: 'lake'
  ops: 'ops'
  deployment: 'app-package'
  deadLetter: 'eventgrid-deadletter'
}
var runsTableName = 'runs'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { name: names.identity, location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: { workspaceName: names.workspace, appInsightsName: names.appInsights, location: location, tags: tags }
}

module hostStorage 'modules/host-storage.bicep' = {
  name: 'host-storage'
  params: {
    name: names.hostStorage
    location: location
    tags: tags
    deploymentContainerName: containers.deployment
    deadLetterContainerName: containers.deadLetter
  }
}

module lakeStorage 'modules/lake-storage.bicep' = {
  name: 'lake-storage'
  params: {
    name: names.lakeStorage
    location: location
    tags: tags
    landingContainerName: containers.landing
    lakeContainerName: containers.lake
    opsContainerName: containers.ops
    runsTableName: runsTableName
    landingRetentionDays: landingRetentionDays
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    planName: names.plan
    appName: names.app
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    hostStorageName: hostStorage.outputs.name
    hostBlobEndpoint: hostStorage.outputs.blobEndpoint
    hostQueueEndpoint: hostStorage.outputs.queueEndpoint
    hostTableEndpoint: hostStorage.outputs.tableEndpoint
    deploymentContainerName: containers.deployment
    lakeBlobEndpoint: lakeStorage.outputs.blobEndpoint
    lakeQueueEndpoint: lakeStorage.outputs.queueEndpoint
    lakeTableEndpoint: lakeStorage.outputs.tableEndpoint
    landingContainerName: containers.landing
    lakeContainerName: containers.lake
    opsContainerName: containers.ops
    runsTableName: lakeStorage.outputs.runsTableName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    schedule: kpiSchedule
    refreshMaxRuns: refreshMaxRuns
    refreshMaxAttempts: refreshMaxAttempts
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    appPrincipalId: identity.outputs.principalId
    hostStorageName: hostStorage.outputs.name
    lakeStorageName: lakeStorage.outputs.name
    lakeContainerName: containers.lake
    appInsightsName: monitoring.outputs.appInsightsName
    powerBiReadersGroupObjectId: powerBiReadersGroupObjectId
  }
}

module eventGrid 'modules/event-grid.bicep' = {
  name: 'event-grid'
  params: {
    topicName: names.topic
    location: location
    tags: tags
    lakeStorageId: lakeStorage.outputs.id
    landingContainerName: containers.landing
    functionAppName: functionApp.outputs.name
    hostStorageName: hostStorage.outputs.name
    deadLetterContainerName: containers.deadLetter
    deployEventSubscription: deployEventSubscription
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
output lakeStorageAccountName string = lakeStorage.outputs.name
output lakeDfsEndpoint string = lakeStorage.outputs.dfsEndpoint
output hostStorageAccountName string = hostStorage.outputs.name
output identityClientId string = identity.outputs.clientId
output eventGridTopicName string = eventGrid.outputs.topicName
output eventSubscriptionDeployed bool = eventGrid.outputs.subscriptionDeployed
output rbacDeployment string = rbac.name

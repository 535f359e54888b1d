// Flex Consumption (FC1) plan and the isolated-worker .NET 10 function app. Every storage connection is
// identity-based (the user-assigned identity): no connection strings, no account keys in app settings.
param planName string
param appName string
param location string
param tags object
param identityId string
param identityClientId string
param hostStorageName string
param hostBlobEndpoint string
param hostQueueEndpoint string
param hostTableEndpoint string
param deploymentContainerName string
param lakeBlobEndpoint string
param lakeQueueEndpoint string
param lakeTableEndpoint string
param landingContainerName string
param lakeContainerName string
param opsContainerName string
param runsTableName string
param appInsightsConnectionString string
@description('NCRONTAB (6 fields, UTC on Flex Consumption) for the nightly refresh.')
param schedule string
param refreshMaxRuns int
param refreshMaxAttempts int
param maximumInstanceCount int
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

// Identity-based connections, as the Functions host and our StorageClients both read them:
// {connection}__credential=managedidentity, __clientId and the service URIs. No connection strings, no keys.

var appSettings = [
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: hostBlobEndpoint }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: hostQueueEndpoint }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: hostTableEndpoint }
  // Blob trigger connection (landing container); its queue endpoint holds the trigger's poison queue.
  { name: 'KPI_LANDING__credential', value: 'managedidentity' }
  { name: 'KPI_LANDING__clientId', value: identityClientId }
  { name: 'KPI_LANDING__blobServiceUri', value: lakeBlobEndpoint }
  { name: 'KPI_LANDING__queueServiceUri', value: lakeQueueEndpoint }
  // The lake, the lease blobs and the run ledger.
  { name: 'KPI_LAKE__credential', value: 'managedidentity' }
  { name: 'KPI_LAKE__clientId', value: identityClientId }
  { name: 'KPI_LAKE__blobServiceUri', value: lakeBlobEndpoint }
  { name: 'KPI_LAKE__tableServiceUri', value: lakeTableEndpoint }
  { name: 'KPI_LANDING_CONTAINER', value: landingContainerName }
  { name: 'KPI_LAKE_CONTAINER', value: lakeContainerName }
  { name: 'KPI_OPS_CONTAINER', value: opsContainerName }
  { name: 'KPI_RUNS_TABLE', value: runsTableName }
  { name: 'KPI_SCHEDULE', value: schedule }
  { name: 'KPI_REFRESH_MAX_RUNS', value: string(refreshMaxRuns) }
  { name: 'KPI_REFRESH_MAX_ATTEMPTS', value: string(refreshMaxAttempts) }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
  // Local auth is off on App Insights: telemetry is sent with the app identity's Entra token.
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
]

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: appSettings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No publishing passwords: deployments authenticate with Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

output name string = app.name
output id string = app.id
output defaultHostName string = app.properties.defaultHostName
output hostStorageName string = hostStorageName

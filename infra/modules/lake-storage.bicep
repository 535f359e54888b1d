// The data lake account: hierarchical namespace (Data Lake Gen2) so Power BI / Fabric read it as a lake.
// Containers: landing (LA drops arrive here), lake (raw/, curated/, quarantine/), ops (lease lock blobs).
// Table service: the run ledger. Queue service: the blob trigger's poison queue (webjobs-blobtrigger-poison).
param name string
param location string
param tags object
param landingContainerName string
param lakeContainerName string
param opsContainerName string
param runsTableName string
@description('Landing blobs older than this are deleted; the lake keeps its own raw copy of every drop.')
param landingRetentionDays int

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    accessTier: 'Hot'
    isHnsEnabled: true
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 14 }
    containerDeleteRetentionPolicy: { enabled: true, days: 14 }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for c in [landingContainerName, lakeContainerName, opsContainerName]: {
  parent: blobService
  name: c
  properties: { publicAccess: 'None' }
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource runsTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: runsTableName
}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-landing'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${landingContainerName}/'] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: landingRetentionDays } } }
          }
        }
      ]
    }
  }
  dependsOn: [containers]
}

output id string = storage.id
output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output dfsEndpoint string = storage.properties.primaryEndpoints.dfs
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
output runsTableName string = runsTable.name

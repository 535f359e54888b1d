// Event Grid system topic on the lake account, and (phase 2) the subscription that delivers BlobCreated for
// landing manifests to the blob extension's webhook of the IngestDrop function.
// Phase 2 needs the app's code deployed first: the webhook must answer Event Grid's validation handshake
// and the blobs_extension system key exists only once the host has started with the trigger (docs/deploy.md).
param topicName string
param location string
param tags object
param lakeStorageId string
param landingContainerName string
param functionAppName string
param hostStorageName string
param deadLetterContainerName string
param deployEventSubscription bool

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: topicName
  location: location
  tags: tags
  identity: { type: 'SystemAssigned' }
  properties: {
    source: lakeStorageId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: hostStorageName
}

resource hostBlobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: hostStorage
  name: 'default'
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: hostBlobService
  name: deadLetterContainerName
}

// The topic writes undeliverable events as its own identity, into the dead-letter container only.
resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deadLetterContainer.id, topic.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// sites/host has no Bicep type; listKeys on its id returns the host's system keys (the blob extension's webhook key).
var blobsExtensionKey = deployEventSubscription ? listKeys('${functionApp.id}/host/default', '2024-04-01').systemKeys.blobs_extension : ''

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (deployEventSubscription) {
  parent: topic
  name: 'landing-manifest-to-ingestdrop'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        // The blob extension's webhook (not an HTTP function): it feeds the IngestDrop blob trigger.
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.IngestDrop&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/${landingContainerName}/blobs/'
      subjectEndsWith: '/manifest.json'
      // Data Lake raises BlobCreated for CreateFile (0 bytes) and again for FlushWithClose; only content-bearing
      // writes are delivered (the function also ignores empty blobs).
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.api'
          values: ['PutBlob', 'PutBlockList', 'FlushWithClose', 'CopyBlob']
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: hostStorage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
  dependsOn: [deadLetterWriter]
}

output topicName string = topic.name
output subscriptionDeployed bool = deployEventSubscription

// Log Analytics + workspace-based Application Insights with local (key) auth off: telemetry is accepted only
// from identities holding Monitoring Metrics Publisher (the function app's identity, see rbac.bicep).
param workspaceName string
param appInsightsName string
param location string
param tags object
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

output appInsightsName string = appInsights.name
// Not a secret: it identifies the resource; with local auth off it cannot be used without an Entra token.
output appInsightsConnectionString string = appInsights.properties.ConnectionString

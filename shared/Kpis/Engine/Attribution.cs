namespace KpiPipeline.Kpis.Engine;

/// <summary>
/// Who a child's contribution to a KPI is attributed to: a worker and a team (IdMap ids, or IdMap.None).
/// The service follows from the team (dept_team_parent_name).
/// </summary>
public readonly record struct Attribution(int Worker, int Team)
{
    public static readonly Attribution Unallocated = new(Model.IdMap.None, Model.IdMap.None);
}

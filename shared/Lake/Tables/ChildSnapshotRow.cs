using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace KpiPipeline.Lake.Tables;

/// <summary>
/// curated/child_snapshot: one row per child in scope at the snapshot date (kpi-catalogue.md,
/// child-level facts). Identifies the child only by the pseudonymous person id.
/// </summary>
public sealed class ChildSnapshotRow : ISnapshotRow
{
    /// <summary>Values of <see cref="Cohort"/>, in the catalogue's precedence order.</summary>
    public static class Cohorts
    {
        public const string CaredFor = "Cared for";
        public const string Cp = "CP";
        public const string Cin = "CIN";
        public const string Assessment = "Assessment";
        public const string CareLeaver = "Care leaver";
    }

    [JsonPropertyName("la_code"), ParquetRequired] public string LaCode { get; set; } = "";
    [JsonPropertyName("snapshot_date")] public DateOnly SnapshotDate { get; set; }
    [JsonPropertyName("person_id"), ParquetRequired] public string PersonId { get; set; } = "";
    [JsonPropertyName("cohort"), ParquetRequired] public string Cohort { get; set; } = "";
    [JsonPropertyName("worker_id")] public string? WorkerId { get; set; }
    [JsonPropertyName("team_id")] public string? TeamId { get; set; }
    [JsonPropertyName("service")] public string? Service { get; set; }
    [JsonPropertyName("manager_id")] public string? ManagerId { get; set; }
    [JsonPropertyName("cohort_start_date")] public DateOnly? CohortStartDate { get; set; }
    [JsonPropertyName("last_visit_date")] public DateOnly? LastVisitDate { get; set; }
    [JsonPropertyName("next_visit_due_date")] public DateOnly? NextVisitDueDate { get; set; }
    [JsonPropertyName("visit_overdue")] public bool? VisitOverdue { get; set; }
    [JsonPropertyName("working_days_overdue")] public int? WorkingDaysOverdue { get; set; }
    [JsonPropertyName("assessment_start_date")] public DateOnly? AssessmentStartDate { get; set; }
    [JsonPropertyName("assessment_due_date")] public DateOnly? AssessmentDueDate { get; set; }
    [JsonPropertyName("assessment_working_days_elapsed")] public int? AssessmentWorkingDaysElapsed { get; set; }
    [JsonPropertyName("last_supervision_date")] public DateOnly? LastSupervisionDate { get; set; }
    [JsonPropertyName("supervision_overdue")] public bool? SupervisionOverdue { get; set; }
    [JsonPropertyName("last_oversight_date")] public DateOnly? LastOversightDate { get; set; }
    [JsonPropertyName("oversight_overdue")] public bool? OversightOverdue { get; set; }
    [JsonPropertyName("placements_12m")] public int? Placements12m { get; set; }
    [JsonPropertyName("social_workers_12m")] public int? SocialWorkers12m { get; set; }

    // ---- extra columns ----
    /// <summary>Calendar days from cohort_start_date to the snapshot date.</summary>
    [JsonPropertyName("cohort_length_days")] public int? CohortLengthDays { get; set; }
    [JsonPropertyName("cp_plan_start_date")] public DateOnly? CpPlanStartDate { get; set; }
    /// <summary>Calendar days from cp_plan_start_date to the snapshot date.</summary>
    [JsonPropertyName("cp_plan_length_days")] public int? CpPlanLengthDays { get; set; }
}

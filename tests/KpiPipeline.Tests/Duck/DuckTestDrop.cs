using System.Text.Json;
using KpiPipeline.Cli.Bench;
using KpiPipeline.Common;

namespace KpiPipeline.Tests.Duck;

/// <summary>
/// A tiny hand-written drop in a temp folder: each test writes only the tables it needs as CSV text
/// (tables not written are absent from the drop) and reads back the KPIs by id.
/// </summary>
internal sealed class DuckTestDrop : IDisposable
{
    /// <summary>The snapshot date used by most tests: Wednesday 31 May 2023 (window (2022-05-31, 2023-05-31]).</summary>
    public static readonly DateOnly D = new(2023, 5, 31);

    public const double Population = 50_000;

    /// <summary>Headers from extract-contract.md, for tables a test wants present but empty.</summary>
    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ssd_person"] = "pers_person_id,pers_sex,pers_dob",
        ["ssd_involvements"] = "invo_involvements_id,invo_professional_id,invo_professional_role_id,invo_person_id,invo_involvement_start_date,invo_involvement_end_date",
        ["ssd_contacts"] = "cont_contact_id,cont_person_id,cont_contact_date,cont_decision_date",
        ["ssd_cin_episodes"] = "cine_referral_id,cine_person_id,cine_referral_date",
        ["ssd_cin_assessments"] = "cina_assessment_id,cina_person_id,cina_referral_id,cina_assessment_start_date,cina_assessment_auth_date,cina_assessment_outcome_json,cina_assessment_outcome_nfa",
        ["ssd_s47_enquiry"] = "s47e_s47_enquiry_id,s47e_person_id,s47e_s47_start_date",
        ["ssd_initial_cp_conference"] = "icpc_icpc_id,icpc_s47_enquiry_id,icpc_person_id,icpc_icpc_date",
        ["ssd_cin_plans"] = "cinp_cin_plan_id,cinp_person_id,cinp_cin_plan_start_date,cinp_cin_plan_end_date,cinp_cin_plan_auth_date",
        ["ssd_cp_plans"] = "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,cppl_previous_cp_plans",
        ["ssd_cla_episodes"] = "clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_episode_ceased_date",
        ["ssd_cla_placement"] = "clap_cla_placement_id,clap_person_id,clap_cla_placement_start_date,clap_cla_placement_type,clap_cla_placement_end_date",
        ["ssd_legal_status"] = "lega_legal_status_id,lega_person_id,lega_legal_status,lega_legal_status_start_date,lega_legal_status_end_date",
        ["ssd_cin_visits"] = "cinv_cin_visit_id,cinv_person_id,cinv_cin_visit_date,cinv_cin_visit_seen",
        ["ssd_cp_visits"] = "cppv_cp_visit_id,cppv_person_id,cppv_cp_plan_id,cppv_cp_visit_date,cppv_cp_visit_seen",
        ["ssd_cla_visits"] = "clav_cla_visit_id,clav_cla_id,clav_person_id,clav_cla_visit_date,clav_cla_visit_seen",
        ["ssd_care_leavers"] = "clea_table_id,clea_person_id,clea_care_leaver_in_touch,clea_care_leaver_activity",
        ["ext_case_supervision"] = "supv_id,supv_person_id,supv_date,supv_type",
        ["ext_workforce"] = "wf_team_id,wf_month,wf_employed_fte,wf_agency_fte,wf_vacancy_fte,wf_sickness_days_lost,wf_working_days",
        ["ext_cin_reviews"] = "cinr_id,cinr_person_id,cinr_due_date,cinr_held_date",
    };

    private static readonly Lazy<IReadOnlyCollection<DateOnly>> Holidays = new(LoadEnglandAndWalesHolidays);

    /// <summary>England &amp; Wales bank holidays from the shared reference (gov.uk bank-holidays.json).</summary>
    public static IReadOnlyCollection<DateOnly> BankHolidays => Holidays.Value;

    public string Folder { get; } = Directory.CreateTempSubdirectory("duck-kpi-test-").FullName;

    /// <summary>Writes {table}.csv: the contract header followed by the given data lines.</summary>
    public DuckTestDrop Table(string table, params string[] rows) =>
        Raw(table + ".csv", string.Join("\n", new[] { Headers[table] }.Concat(rows)) + "\n");

    /// <summary>Writes a file with exactly the given text (custom headers, BOM, CRLF...).</summary>
    public DuckTestDrop Raw(string fileName, string text)
    {
        File.WriteAllText(Path.Combine(Folder, fileName), text);
        return this;
    }

    public DuckTestDrop Empty(params string[] tables)
    {
        foreach (var t in tables) Table(t);
        return this;
    }

    public IReadOnlyDictionary<string, DuckKpiValue> Compute(DateOnly? snapshot = null, double population = Population,
        DuckKpiOptions? options = null, string? parquetOut = null) =>
        DuckDbKpis.Compute(Folder, snapshot ?? D, BankHolidays, population, options, parquetOut)
            .ToDictionary(k => k.KpiId);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }

    private static IReadOnlyCollection<DateOnly> LoadEnglandAndWalesHolidays()
    {
        var path = Path.Combine(RepoPaths.SharedReference, "reference", "calendar", "bank-holidays.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("england-and-wales").GetProperty("events").EnumerateArray()
            .Select(e => DateOnly.ParseExact(e.GetProperty("date").GetString()!, "yyyy-MM-dd"))
            .ToArray();
    }
}

/// <summary>Assertions on one KPI's numerator, denominator and value.</summary>
internal static class DuckAssert
{
    public static void Kpi(IReadOnlyDictionary<string, DuckKpiValue> kpis, string id, double? numerator, double? denominator, double? value)
    {
        var k = kpis[id];
        Assert.True(Near(numerator, k.Numerator) && Near(denominator, k.Denominator) && Near(value, k.Value),
            $"{id}: expected ({Show(numerator)}, {Show(denominator)}, {Show(value)}) but got ({Show(k.Numerator)}, {Show(k.Denominator)}, {Show(k.Value)})");
    }

    /// <summary>A percentage KPI: value = numerator ÷ denominator × 100, or null when the denominator is 0.</summary>
    public static void Percent(IReadOnlyDictionary<string, DuckKpiValue> kpis, string id, double numerator, double denominator) =>
        Kpi(kpis, id, numerator, denominator, denominator == 0 ? null : numerator / denominator * 100);

    public static void Count(IReadOnlyDictionary<string, DuckKpiValue> kpis, string id, double count) =>
        Kpi(kpis, id, count, null, count);

    public static void Null(IReadOnlyDictionary<string, DuckKpiValue> kpis, string id) => Kpi(kpis, id, null, null, null);

    private static bool Near(double? expected, double? actual) =>
        expected is null ? actual is null : actual is { } a && Math.Abs(a - expected.Value) < 1e-9;

    private static string Show(double? v) => v?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "null";
}

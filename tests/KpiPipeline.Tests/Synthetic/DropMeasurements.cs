using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace KpiPipeline.Tests.Synthetic;

/// <summary>
/// Measures a drop folder with plain SQL over the CSVs (DuckDB, every column read as text), written
/// from the kpi-catalogue.md definitions independently of the generator's code, so the calibration
/// test checks what a reader of the files would see. Working days come from the bank-holiday file.
/// </summary>
internal sealed class DropMeasurements : IDisposable
{
    private readonly DuckDBConnection _db;
    private readonly string _d;

    public DropMeasurements(string folder, DateOnly asOf, string bankHolidaysJson)
    {
        _d = $"DATE '{asOf:yyyy-MM-dd}'";
        _db = new DuckDBConnection("DataSource=:memory:");
        _db.Open();
        foreach (var file in Directory.GetFiles(folder, "*.csv"))
        {
            var table = Path.GetFileNameWithoutExtension(file);
            Exec($"CREATE TABLE {table} AS SELECT * FROM read_csv('{file.Replace("'", "''")}', header=true, all_varchar=true)");
        }
        CreateCalendar(asOf, bankHolidaysJson);
    }

    private void CreateCalendar(DateOnly asOf, string bankHolidaysJson)
    {
        using var doc = JsonDocument.Parse(bankHolidaysJson);
        var values = new StringBuilder();
        foreach (var e in doc.RootElement.GetProperty("england-and-wales").GetProperty("events").EnumerateArray())
        {
            if (values.Length > 0) values.Append(',');
            values.Append("(DATE '").Append(e.GetProperty("date").GetString()).Append("')");
        }
        Exec($"CREATE TABLE bank_holiday(d DATE); INSERT INTO bank_holiday VALUES {values}");
        // wd_index(d) = working days on or before d since the start; workingDaysBetween(S, E) = wd_index(E) - wd_index(S).
        Exec($"""
            CREATE TABLE cal AS
            SELECT d, SUM(CASE WHEN isodow(d) <= 5 AND d NOT IN (SELECT d FROM bank_holiday) THEN 1 ELSE 0 END) OVER (ORDER BY d) AS wd_index
            FROM (SELECT CAST(gs AS DATE) AS d FROM generate_series(DATE '{asOf.AddYears(-8):yyyy-MM-dd}', DATE '{asOf.AddYears(1):yyyy-MM-dd}', INTERVAL 1 DAY) t(gs))
            """);
    }

    private void Exec(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public double Scalar(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql.Replace("@D", _d);
        var v = cmd.ExecuteScalar();
        return v is null or DBNull ? double.NaN : Convert.ToDouble(v, CultureInfo.InvariantCulture);
    }

    /// <summary>Any query's rows as tab-separated text (for diagnostics).</summary>
    public List<string> Table(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql.Replace("@D", _d);
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read())
        {
            var cells = new string[r.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            list.Add(string.Join('	', cells));
        }
        return list;
    }

    public List<(string Key, double Value)> Rows(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql.Replace("@D", _d);
        using var r = cmd.ExecuteReader();
        var list = new List<(string, double)>();
        while (r.Read()) list.Add((r.GetValue(0)?.ToString() ?? "", Convert.ToDouble(r.GetValue(1), CultureInfo.InvariantCulture)));
        return list;
    }

    // Window (D - 1 year, D]; "open at D" = start <= D and (end null or end > D).
    private const string InWindow = "BETWEEN @D - INTERVAL 1 YEAR + INTERVAL 1 DAY AND @D";

    private static string Open(string start, string end) => $"(CAST({start} AS DATE) <= @D AND ({end} IS NULL OR CAST({end} AS DATE) > @D))";

    /// <summary>Children cared for at D: an open CLA episode, unless every legal status open at D is a short break (V3/V4).</summary>
    private const string ClaOpen = """
        SELECT DISTINCT clae_person_id AS pid FROM ssd_cla_episodes e
        WHERE CAST(clae_cla_episode_start_date AS DATE) <= @D AND (clae_cla_episode_ceased_date IS NULL OR CAST(clae_cla_episode_ceased_date AS DATE) > @D)
          AND NOT (
            EXISTS (SELECT 1 FROM ssd_legal_status l WHERE l.lega_person_id = e.clae_person_id AND lega_legal_status IN ('V3','V4')
                    AND CAST(lega_legal_status_start_date AS DATE) <= @D AND (lega_legal_status_end_date IS NULL OR CAST(lega_legal_status_end_date AS DATE) > @D))
            AND NOT EXISTS (SELECT 1 FROM ssd_legal_status l WHERE l.lega_person_id = e.clae_person_id AND lega_legal_status NOT IN ('V3','V4')
                    AND CAST(lega_legal_status_start_date AS DATE) <= @D AND (lega_legal_status_end_date IS NULL OR CAST(lega_legal_status_end_date AS DATE) > @D)))
        """;

    private static string Pct(string numerator, string denominator) => $"SELECT 100.0 * ({numerator}) / NULLIF(({denominator}), 0)";

    public Dictionary<string, double> Measure()
    {
        var m = new Dictionary<string, double>(StringComparer.Ordinal);
        m["contacts_12m"] = Scalar($"SELECT count(*) FROM ssd_contacts WHERE CAST(CAST(cont_contact_date AS TIMESTAMP) AS DATE) {InWindow}");
        m["referrals_12m"] = Scalar($"SELECT count(*) FROM ssd_cin_episodes WHERE CAST(cine_referral_date AS DATE) {InWindow}");
        m["assessments_12m"] = Scalar($"SELECT count(*) FROM ssd_cin_assessments WHERE CAST(cina_assessment_auth_date AS DATE) {InWindow}");
        m["assessments_open"] = Scalar("SELECT count(*) FROM ssd_cin_assessments WHERE CAST(cina_assessment_start_date AS DATE) <= @D AND (cina_assessment_auth_date IS NULL OR CAST(cina_assessment_auth_date AS DATE) > @D)");
        m["cin_plans_open"] = Scalar($"SELECT count(DISTINCT cinp_person_id) FROM ssd_cin_plans WHERE {Open("cinp_cin_plan_start_date", "cinp_cin_plan_end_date")}");
        m["s47_children_12m"] = Scalar($"SELECT count(DISTINCT s47e_person_id) FROM ssd_s47_enquiry WHERE CAST(s47e_s47_start_date AS DATE) {InWindow}");
        m["s47_12m"] = Scalar($"SELECT count(*) FROM ssd_s47_enquiry WHERE CAST(s47e_s47_start_date AS DATE) {InWindow}");
        m["cp_plans_open"] = Scalar($"SELECT count(DISTINCT cppl_person_id) FROM ssd_cp_plans WHERE {Open("cppl_cp_plan_start_date", "cppl_cp_plan_end_date")}");
        m["cla_open"] = Scalar($"SELECT count(*) FROM ({ClaOpen})");
        m["short_break_only_open"] = Scalar($"""
            SELECT count(DISTINCT clae_person_id) FROM ssd_cla_episodes WHERE {Open("clae_cla_episode_start_date", "clae_cla_episode_ceased_date")}
              AND clae_person_id NOT IN ({ClaOpen})
            """);
        m["cin_plan_starts_weekly"] = Scalar("SELECT count(*) / 12.0 FROM ssd_cin_plans WHERE CAST(cinp_cin_plan_start_date AS DATE) > @D - INTERVAL 84 DAY AND CAST(cinp_cin_plan_start_date AS DATE) <= @D");

        m["contacts_decided_24h_pct"] = Scalar(Pct(
            $"SELECT count(*) FROM ssd_contacts WHERE CAST(CAST(cont_contact_date AS TIMESTAMP) AS DATE) {InWindow} AND cont_decision_date IS NOT NULL AND CAST(cont_decision_date AS TIMESTAMP) - CAST(cont_contact_date AS TIMESTAMP) <= INTERVAL 24 HOUR",
            $"SELECT count(*) FROM ssd_contacts WHERE CAST(CAST(cont_contact_date AS TIMESTAMP) AS DATE) {InWindow}"));
        m["assessments_45wd_pct"] = Scalar(Pct(
            $"""
            SELECT count(*) FROM ssd_cin_assessments a JOIN cal s ON s.d = CAST(a.cina_assessment_start_date AS DATE) JOIN cal e ON e.d = CAST(a.cina_assessment_auth_date AS DATE)
            WHERE e.d {InWindow} AND e.wd_index - s.wd_index <= 45
            """,
            $"SELECT count(*) FROM ssd_cin_assessments WHERE CAST(cina_assessment_auth_date AS DATE) {InWindow}"));
        m["icpc_15wd_pct"] = Scalar(Pct(
            $"""
            SELECT count(*) FROM ssd_initial_cp_conference i JOIN ssd_s47_enquiry s ON s.s47e_s47_enquiry_id = i.icpc_s47_enquiry_id
            JOIN cal a ON a.d = CAST(s.s47e_s47_start_date AS DATE) JOIN cal b ON b.d = CAST(i.icpc_icpc_date AS DATE)
            WHERE b.d {InWindow} AND b.d >= a.d AND b.wd_index - a.wd_index <= 15
            """,
            $"""
            SELECT count(*) FROM ssd_initial_cp_conference i LEFT JOIN ssd_s47_enquiry s ON s.s47e_s47_enquiry_id = i.icpc_s47_enquiry_id
            WHERE CAST(i.icpc_icpc_date AS DATE) {InWindow} AND (s.s47e_s47_start_date IS NULL OR CAST(i.icpc_icpc_date AS DATE) >= CAST(s.s47e_s47_start_date AS DATE))
            """));
        m["cin_visited_20wd_pct"] = VisitedPct("ssd_cin_plans", "cinp_person_id", "cinp_cin_plan_start_date", "cinp_cin_plan_end_date",
            "ssd_cin_visits", "cinv_person_id", "cinv_cin_visit_date", "cinv_cin_visit_seen");
        m["cp_visited_20wd_pct"] = VisitedPct("ssd_cp_plans", "cppl_person_id", "cppl_cp_plan_start_date", "cppl_cp_plan_end_date",
            "ssd_cp_visits", "cppv_person_id", "cppv_cp_visit_date", "cppv_cp_visit_seen");
        m["cla_visited_in_timescale_pct"] = Scalar($"""
            WITH cla AS ({ClaOpen}),
            pl AS (SELECT p.clap_person_id AS pid, CAST(p.clap_cla_placement_start_date AS DATE) AS s, p.clap_cla_placement_type AS t
                   FROM ssd_cla_placement p JOIN cla ON cla.pid = p.clap_person_id
                   WHERE {Open("p.clap_cla_placement_start_date", "p.clap_cla_placement_end_date")}),
            lv AS (SELECT pl.pid, pl.s, pl.t, max(CAST(v.clav_cla_visit_date AS DATE)) AS v
                   FROM pl LEFT JOIN ssd_cla_visits v ON v.clav_person_id = pl.pid AND v.clav_cla_visit_seen = 'Y'
                        AND CAST(v.clav_cla_visit_date AS DATE) BETWEEN pl.s AND @D
                   GROUP BY pl.pid, pl.s, pl.t),
            due AS (SELECT pid, CASE WHEN v IS NULL THEN s + INTERVAL 7 DAY
                                     WHEN s < @D - INTERVAL 1 YEAR AND t IN ('U1','U4') THEN v + INTERVAL 3 MONTH
                                     ELSE v + INTERVAL 42 DAY END AS due FROM lv)
            SELECT 100.0 * count(DISTINCT CASE WHEN due >= @D THEN pid END) / NULLIF((SELECT count(*) FROM cla), 0) FROM due
            """);
        m["cin_plans_auth_20wd_pct"] = Scalar(Pct(
            $"""
            SELECT count(*) FROM ssd_cin_plans p JOIN cal s ON s.d = CAST(p.cinp_cin_plan_start_date AS DATE) JOIN cal a ON a.d = CAST(p.cinp_cin_plan_auth_date AS DATE)
            WHERE s.d {InWindow} AND a.wd_index - s.wd_index <= 20
            """,
            $"SELECT count(*) FROM ssd_cin_plans WHERE CAST(cinp_cin_plan_start_date AS DATE) {InWindow}"));
        m["cin_reviews_on_time_pct"] = Scalar(Pct(
            $"SELECT count(*) FROM ext_cin_reviews WHERE CAST(cinr_due_date AS DATE) {InWindow} AND cinr_held_date IS NOT NULL AND CAST(cinr_held_date AS DATE) <= CAST(cinr_due_date AS DATE)",
            $"SELECT count(*) FROM ext_cin_reviews WHERE CAST(cinr_due_date AS DATE) {InWindow}"));

        m["rereferrals_pct"] = Scalar(Pct(
            $"""
            SELECT count(*) FROM ssd_cin_episodes r WHERE CAST(r.cine_referral_date AS DATE) {InWindow}
              AND EXISTS (SELECT 1 FROM ssd_cin_episodes p WHERE p.cine_person_id = r.cine_person_id AND p.cine_referral_id <> r.cine_referral_id
                          AND CAST(p.cine_referral_date AS DATE) < CAST(r.cine_referral_date AS DATE)
                          AND CAST(p.cine_referral_date AS DATE) >= CAST(r.cine_referral_date AS DATE) - INTERVAL 1 YEAR)
            """,
            $"SELECT count(*) FROM ssd_cin_episodes WHERE CAST(cine_referral_date AS DATE) {InWindow}"));
        m["assessments_nfa_pct"] = Scalar(Pct(
            $"""
            SELECT count(*) FROM ssd_cin_assessments WHERE CAST(cina_assessment_auth_date AS DATE) {InWindow}
              AND coalesce(cina_assessment_outcome_nfa, json_extract_string(cina_assessment_outcome_json, '$.NFA_FLAG')) = 'Y'
            """,
            $"SELECT count(*) FROM ssd_cin_assessments WHERE CAST(cina_assessment_auth_date AS DATE) {InWindow}"));
        m["cp_subsequent_pct"] = Scalar(Pct(
            $"""
            SELECT count(*) FROM ssd_cp_plans p WHERE CAST(p.cppl_cp_plan_start_date AS DATE) {InWindow}
              AND (CAST(coalesce(p.cppl_previous_cp_plans, '0') AS INT) > 0
                   OR EXISTS (SELECT 1 FROM ssd_cp_plans q WHERE q.cppl_person_id = p.cppl_person_id AND CAST(q.cppl_cp_plan_start_date AS DATE) < CAST(p.cppl_cp_plan_start_date AS DATE)))
            """,
            $"SELECT count(*) FROM ssd_cp_plans WHERE CAST(cppl_cp_plan_start_date AS DATE) {InWindow}"));

        var openCases = $"""
            SELECT cinp_person_id AS pid FROM ssd_cin_plans WHERE {Open("cinp_cin_plan_start_date", "cinp_cin_plan_end_date")}
            UNION SELECT cppl_person_id FROM ssd_cp_plans WHERE {Open("cppl_cp_plan_start_date", "cppl_cp_plan_end_date")}
            UNION SELECT pid FROM ({ClaOpen})
            """;
        m["open_cases"] = Scalar($"SELECT count(*) FROM ({openCases})");
        foreach (var (key, type) in new[] { ("case_supervision_pct", "SUPERVISION"), ("management_oversight_pct", "OVERSIGHT") })
        {
            m[key] = Scalar($"""
                WITH oc AS ({openCases})
                SELECT 100.0 * count(*) FILTER (WHERE EXISTS (
                    SELECT 1 FROM ext_case_supervision s JOIN cal c ON c.d = CAST(s.supv_date AS DATE)
                    WHERE s.supv_person_id = oc.pid AND s.supv_type = '{type}' AND c.d <= @D
                      AND (SELECT wd_index FROM cal WHERE d = @D) - c.wd_index <= 30)) / count(*)
                FROM oc
                """);
        }
        m["open_cases_without_open_cw_involvement"] = Scalar($"""
            WITH oc AS ({openCases}
                        UNION SELECT cina_person_id FROM ssd_cin_assessments WHERE CAST(cina_assessment_start_date AS DATE) <= @D
                              AND (cina_assessment_auth_date IS NULL OR CAST(cina_assessment_auth_date AS DATE) > @D))
            SELECT count(*) FROM oc WHERE NOT EXISTS (SELECT 1 FROM ssd_involvements i WHERE i.invo_person_id = oc.pid AND i.invo_professional_role_id = 'CW'
                  AND i.invo_professional_id IS NOT NULL AND {Open("i.invo_involvement_start_date", "i.invo_involvement_end_date")})
            """);

        m["cla_3plus_placements_pct"] = Scalar($"""
            WITH cla AS ({ClaOpen})
            SELECT 100.0 * count(*) FILTER (WHERE n >= 3) / count(*) FROM (
              SELECT cla.pid, (SELECT count(*) FROM ssd_cla_placement p WHERE p.clap_person_id = cla.pid
                    AND CAST(p.clap_cla_placement_start_date AS DATE) <= @D
                    AND (p.clap_cla_placement_end_date IS NULL OR CAST(p.clap_cla_placement_end_date AS DATE) > @D - INTERVAL 1 YEAR)) AS n
              FROM cla)
            """);
        m["cla_3plus_social_workers_pct"] = Scalar($"""
            WITH cla AS ({ClaOpen})
            SELECT 100.0 * count(*) FILTER (WHERE n >= 3) / count(*) FROM (
              SELECT cla.pid, (SELECT count(DISTINCT i.invo_professional_id) FROM ssd_involvements i WHERE i.invo_person_id = cla.pid AND i.invo_professional_role_id = 'CW'
                    AND CAST(i.invo_involvement_start_date AS DATE) <= @D
                    AND (i.invo_involvement_end_date IS NULL OR CAST(i.invo_involvement_end_date AS DATE) > @D - INTERVAL 1 YEAR)) AS n
              FROM cla)
            """);
        m["cla_placed_with_parents_pct"] = Scalar($"""
            WITH cla AS ({ClaOpen})
            SELECT 100.0 * count(DISTINCT p.clap_person_id) / (SELECT count(*) FROM cla) FROM ssd_cla_placement p JOIN cla ON cla.pid = p.clap_person_id
            WHERE p.clap_cla_placement_type = 'P1' AND {Open("p.clap_cla_placement_start_date", "p.clap_cla_placement_end_date")}
            """);
        m["care_leavers_19_21_eet_pct"] = Scalar("""
            WITH cl AS (SELECT l.*, date_sub('year', CAST(p.pers_dob AS DATE), @D) AS age FROM ssd_care_leavers l JOIN ssd_person p ON p.pers_person_id = l.clea_person_id)
            SELECT 100.0 * count(*) FILTER (WHERE clea_care_leaver_activity IN ('F1','P1','F2','P2','F4','P4','F5','P5')) / count(*) FROM cl WHERE age BETWEEN 19 AND 21
            """);
        m["care_leavers_16_25"] = Scalar("""
            SELECT count(*) FROM ssd_care_leavers l JOIN ssd_person p ON p.pers_person_id = l.clea_person_id
            WHERE date_sub('year', CAST(p.pers_dob AS DATE), @D) BETWEEN 16 AND 25
            """);

        m["audits_per_month_12m"] = Scalar($"SELECT count(*) / 12.0 FROM ext_audits WHERE CAST(audt_date AS DATE) {InWindow}");
        m["audits_ri_pct"] = Scalar(Pct($"SELECT count(*) FROM ext_audits WHERE CAST(audt_date AS DATE) {InWindow} AND coalesce(audt_moderated_grade, audt_grade) = 'RI'",
            $"SELECT count(*) FROM ext_audits WHERE CAST(audt_date AS DATE) {InWindow}"));
        m["vacancy_rate_pct"] = Scalar("SELECT 100.0 * sum(CAST(wf_vacancy_fte AS DOUBLE)) / sum(CAST(wf_vacancy_fte AS DOUBLE) + CAST(wf_employed_fte AS DOUBLE)) FROM ext_workforce WHERE CAST(wf_month AS DATE) = date_trunc('month', @D)");
        m["agency_rate_pct"] = Scalar("SELECT 100.0 * sum(CAST(wf_agency_fte AS DOUBLE)) / sum(CAST(wf_agency_fte AS DOUBLE) + CAST(wf_employed_fte AS DOUBLE)) FROM ext_workforce WHERE CAST(wf_month AS DATE) = date_trunc('month', @D)");
        m["sickness_pct"] = Scalar($"SELECT 100.0 * sum(CAST(wf_sickness_days_lost AS DOUBLE)) / sum(CAST(wf_employed_fte AS DOUBLE) * CAST(wf_working_days AS DOUBLE)) FROM ext_workforce WHERE CAST(wf_month AS DATE) > @D - INTERVAL 1 YEAR AND CAST(wf_month AS DATE) <= @D");
        return m;
    }

    private double VisitedPct(string plans, string pid, string start, string end, string visits, string vpid, string vdate, string seen) => Scalar($"""
        WITH c AS (SELECT {pid} AS pid, min(CAST({start} AS DATE)) AS s FROM {plans} WHERE {Open(start, end)} GROUP BY {pid}),
        elig AS (SELECT c.pid FROM c JOIN cal a ON a.d = c.s WHERE (SELECT wd_index FROM cal WHERE d = @D) - a.wd_index >= 20)
        SELECT 100.0 * count(*) FILTER (WHERE EXISTS (
            SELECT 1 FROM {visits} v JOIN cal x ON x.d = CAST(v.{vdate} AS DATE)
            WHERE v.{vpid} = elig.pid AND v.{seen} = 'Y' AND x.d <= @D AND (SELECT wd_index FROM cal WHERE d = @D) - x.wd_index <= 20)) / count(*)
        FROM elig
        """);

    /// <summary>Average caseload per service at D (or <paramref name="at"/>): (child, worker) pairs with an open CW involvement ÷ workers holding at least one.</summary>
    public List<(string Key, double Value)> CaseloadByService(DateOnly? at = null) => Rows($"""
        SELECT d.dept_team_parent_name, count(DISTINCT (i.invo_person_id, i.invo_professional_id)) / count(DISTINCT i.invo_professional_id)
        FROM ssd_involvements i JOIN ssd_department d ON d.dept_team_id = i.invo_professional_team
        WHERE i.invo_professional_role_id = 'CW' AND {Open("i.invo_involvement_start_date", "i.invo_involvement_end_date")}
        GROUP BY 1 ORDER BY 1
        """.Replace("@D", at is { } day ? $"DATE '{day:yyyy-MM-dd}'" : "@D"));

    public List<(string Key, double Value)> ChildrenByService() => Rows($"""
        SELECT d.dept_team_parent_name, count(DISTINCT i.invo_person_id)
        FROM ssd_involvements i JOIN ssd_department d ON d.dept_team_id = i.invo_professional_team
        WHERE i.invo_professional_role_id = 'CW' AND {Open("i.invo_involvement_start_date", "i.invo_involvement_end_date")}
        GROUP BY 1 ORDER BY 1
        """);

    public void Dispose() => _db.Dispose();
}

-- sickness_absence_rate: days lost ÷ (employed FTE × working days) over the 12 months to D.
-- Readings: "the 12 months to D" = the months whose first day is in (D - 1 year, D], i.e. the month
-- containing D and the 11 before it; numerator = sum of wf_sickness_days_lost (null adds nothing),
-- denominator = sum over rows of wf_employed_fte × wf_working_days, where a null wf_working_days is
-- replaced by the calendar's working days in that month (Mon–Fri less bank holidays).
WITH month_working_days AS (
    SELECT date_trunc('month', day) AS month_start, sum(CAST(is_working AS INTEGER)) AS working_days
    FROM calendar
    GROUP BY 1
),
rows_in_period AS (
    SELECT date_trunc('month', wf_month) AS month_start, wf_employed_fte, wf_sickness_days_lost, wf_working_days
    FROM ext_workforce
    WHERE date_trunc('month', wf_month) > {{W0}} AND date_trunc('month', wf_month) <= {{D}}
)
SELECT coalesce(sum(r.wf_sickness_days_lost), 0) AS numerator,
       coalesce(sum(r.wf_employed_fte
                     * coalesce(r.wf_working_days, m.working_days, error('DUCKKPI_CALENDAR'))), 0) AS denominator
FROM rows_in_period AS r
LEFT JOIN month_working_days AS m USING (month_start);

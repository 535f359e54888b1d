-- cin_plan_starts_weekly: CIN plan starts in the 12 weeks to D, i.e. start date in (D - 84 days, D];
-- each plan (row) counts. The caller divides by 12 (denominator 12).
SELECT count(*) AS numerator, 12 AS denominator
FROM ssd_cin_plans
WHERE cinp_cin_plan_start_date > {{D}} - 84 AND cinp_cin_plan_start_date <= {{D}};

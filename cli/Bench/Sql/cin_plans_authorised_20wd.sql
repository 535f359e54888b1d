-- cin_plans_authorised_20wd: of CIN plans started in the window, those with cinp_cin_plan_auth_date
-- within 20 working days of the plan start: wd(start, auth) <= 20 (fixed 20, not the visit interval).
-- Plans with no authorisation count as not in time.
-- Readings: each plan (row) counts; an authorisation dated after D still counts (the definition does not
-- require auth <= D); an authorisation before the start (negative working days) counts as in time.
SELECT count(*) FILTER (WHERE cinp_cin_plan_auth_date IS NOT NULL
                          AND wd(cinp_cin_plan_start_date, cinp_cin_plan_auth_date) <= 20) AS numerator,
       count(*) AS denominator
FROM ssd_cin_plans
WHERE in_window(cinp_cin_plan_start_date);

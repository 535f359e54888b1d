-- assessments_45wd_12m: of assessments authorised in the window, those authorised within 45 working
-- days of cina_assessment_start_date: wd(start, auth) <= 45.
-- With the configuration switch ({{FROM_REFERRAL}} = true) the span is measured from the referral date
-- instead: the cine_referral_date of the ssd_cin_episodes row whose cine_referral_id = cina_referral_id
-- (earliest date if the id repeats). Reading: an assessment with no such referral falls back to its
-- own start date.
-- Readings: a missing start date means not in time; an authorisation before the start (negative
-- working days) is <= 45 and counts as in time.
WITH referral AS (
    SELECT cine_referral_id, min(cine_referral_date) AS referral_date
    FROM ssd_cin_episodes
    WHERE {{FROM_REFERRAL}} AND cine_referral_id IS NOT NULL
    GROUP BY cine_referral_id
),
authorised AS (
    SELECT a.cina_assessment_auth_date AS auth_date,
           CASE WHEN {{FROM_REFERRAL}} THEN coalesce(r.referral_date, a.cina_assessment_start_date)
                ELSE a.cina_assessment_start_date END AS from_date
    FROM ssd_cin_assessments AS a
    LEFT JOIN referral AS r ON r.cine_referral_id = a.cina_referral_id
    WHERE in_window(a.cina_assessment_auth_date)
)
SELECT count(*) FILTER (WHERE wd(from_date, auth_date) <= 45) AS numerator,
       count(*) AS denominator
FROM authorised;

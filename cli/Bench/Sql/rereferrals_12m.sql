-- rereferrals_12m: of referrals in the window, those whose child had a previous referral dated before it
-- and on or after the same date one year earlier: prev < date and prev >= date - 1 year.
-- Readings: "before it" is strictly earlier by date (a second referral on the same day is not a
-- re-referral of the first); the previous referral may lie outside the window; "one year earlier" uses
-- date - INTERVAL 1 YEAR (29 Feb -> 28 Feb); a referral with no person id cannot be a re-referral but
-- stays in the denominator.
WITH referrals AS (
    SELECT cine_person_id AS person,
           cine_referral_date AS referral_date,
           max(cine_referral_date) OVER (
               PARTITION BY cine_person_id ORDER BY cine_referral_date
               RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL 1 DAY PRECEDING) AS previous_date
    FROM ssd_cin_episodes
    WHERE cine_referral_date IS NOT NULL AND cine_referral_date <= {{D}}
)
SELECT count(*) FILTER (WHERE person IS NOT NULL AND previous_date IS NOT NULL
                          AND previous_date >= CAST(referral_date - INTERVAL 1 YEAR AS DATE)) AS numerator,
       count(*) AS denominator
FROM referrals
WHERE in_window(referral_date);

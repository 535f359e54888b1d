-- referrals_12m: ssd_cin_episodes with cine_referral_date in the window; each referral (row) counts.
SELECT count(*) AS numerator, NULL AS denominator
FROM ssd_cin_episodes
WHERE in_window(cine_referral_date);

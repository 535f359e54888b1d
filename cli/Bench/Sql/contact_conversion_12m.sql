-- contact_conversion_12m: referrals_12m ÷ contacts_12m × 100 (same readings as those two counts).
SELECT (SELECT count(*) FROM ssd_cin_episodes WHERE in_window(cine_referral_date)) AS numerator,
       (SELECT count(*) FROM ssd_contacts WHERE in_window(CAST(cont_contact_date AS DATE))) AS denominator;

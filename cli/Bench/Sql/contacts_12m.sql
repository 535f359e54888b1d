-- contacts_12m: ssd_contacts with contact date in (D - 1 year, D].
-- Reading: the date part of cont_contact_date (a datetime) is tested against the window; every row
-- counts (rows are not de-duplicated by cont_contact_id).
SELECT count(*) AS numerator, NULL AS denominator
FROM ssd_contacts
WHERE in_window(CAST(cont_contact_date AS DATE));

-- contacts_decided_24h_12m: of contacts in the window (date part of cont_contact_date), those with
-- cont_decision_date - cont_contact_date <= 24 hours. No decision = not in time.
-- Readings: a date-only value means midnight; a decision recorded after D still counts (the definition
-- does not require decision <= D); a decision recorded before the contact (negative difference) is
-- <= 24 h and so counts as in time.
SELECT count(*) FILTER (WHERE cont_decision_date IS NOT NULL
                          AND epoch(cont_decision_date) - epoch(cont_contact_date) <= 86400) AS numerator,
       count(*) AS denominator
FROM ssd_contacts
WHERE in_window(CAST(cont_contact_date AS DATE));

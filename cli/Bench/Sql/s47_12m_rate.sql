-- s47_12m_rate: S47 enquiries (episodes, i.e. rows, not children) starting in the window; the caller
-- turns the count into a rate per 10,000 children.
SELECT count(*) AS numerator, NULL AS denominator
FROM ssd_s47_enquiry
WHERE in_window(s47e_s47_start_date);

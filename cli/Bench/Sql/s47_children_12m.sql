-- s47_children_12m: distinct children with an S47 enquiry starting in the window.
SELECT count(DISTINCT s47e_person_id) AS numerator, NULL AS denominator
FROM ssd_s47_enquiry
WHERE in_window(s47e_s47_start_date);

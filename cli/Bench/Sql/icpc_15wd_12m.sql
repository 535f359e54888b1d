-- icpc_15wd_12m: of ICPCs held in the window (icpc_icpc_date; transfer-ins included), those held within
-- 15 working days of the linked S47 start: wd(s47 start, icpc date) <= 15. ICPCs dated before their
-- S47 start are excluded (from numerator and denominator).
-- Readings: "linked" = icpc_s47_enquiry_id = s47e_s47_enquiry_id (earliest start if the id repeats).
-- An ICPC with no linked S47 (no id, or an id not in the drop) stays in the denominator and is not in
-- time: it cannot be shown to be within 15 days, and the catalogue includes transfer-ins.
WITH s47 AS (
    SELECT s47e_s47_enquiry_id, min(s47e_s47_start_date) AS s47_start
    FROM ssd_s47_enquiry
    WHERE s47e_s47_enquiry_id IS NOT NULL
    GROUP BY s47e_s47_enquiry_id
),
held AS (
    SELECT i.icpc_icpc_date AS icpc_date, s.s47_start
    FROM ssd_initial_cp_conference AS i
    LEFT JOIN s47 AS s ON s.s47e_s47_enquiry_id = i.icpc_s47_enquiry_id
    WHERE in_window(i.icpc_icpc_date)
      AND NOT coalesce(i.icpc_icpc_date < s.s47_start, false)
)
SELECT count(*) FILTER (WHERE s47_start IS NOT NULL AND wd(s47_start, icpc_date) <= 15) AS numerator,
       count(*) AS denominator
FROM held;

-- caseload_avg (LA level): children allocated (ssd_involvements open at D with role CW, each child
-- counted once per worker) ÷ workers holding >= 1 such case.
-- numerator = number of distinct (worker, child) pairs; denominator = distinct workers.
-- Readings: the role is compared after trim/upper-case; rows with no worker or no child are ignored.
WITH allocations AS (
    SELECT DISTINCT invo_professional_id AS worker, invo_person_id AS person
    FROM ssd_involvements
    WHERE invo_professional_role_id = 'CW'
      AND invo_professional_id IS NOT NULL AND invo_person_id IS NOT NULL
      AND open_at_d(invo_involvement_start_date, invo_involvement_end_date)
)
SELECT count(*) AS numerator, count(DISTINCT worker) AS denominator
FROM allocations;

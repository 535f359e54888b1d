-- cla_3plus_social_workers_12m: of cla_open children, those with 3 or more distinct allocated case
-- workers over the 12 months to D.
-- Readings: "allocated case worker" = an ssd_involvements row with role CW; "over the 12 months" = the
-- involvement overlaps the window (overlaps_window, _macros.sql); workers are distinct invo_professional_id.
WITH workers AS (
    SELECT invo_person_id AS person, count(DISTINCT invo_professional_id) AS worker_count
    FROM ssd_involvements
    WHERE invo_professional_role_id = 'CW'
      AND overlaps_window(invo_involvement_start_date, invo_involvement_end_date)
    GROUP BY invo_person_id
)
SELECT count(*) FILTER (WHERE w.worker_count >= 3) AS numerator,
       count(*) AS denominator
FROM cla_open AS c
LEFT JOIN workers AS w USING (person);

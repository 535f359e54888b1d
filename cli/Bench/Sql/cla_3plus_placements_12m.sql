-- cla_3plus_placements_12m: of cla_open children, those with 3 or more ssd_cla_placement rows overlapping
-- the 12 months to D (overlaps_window, _macros.sql: start <= D and (end null or end > D - 1 year)).
-- Readings: rows are counted (not distinct placement ids); a placement that ended on a day inside the
-- window counts; one that ended exactly on D - 1 year does not.
WITH placements AS (
    SELECT clap_person_id AS person, count(*) AS placement_count
    FROM ssd_cla_placement
    WHERE overlaps_window(clap_cla_placement_start_date, clap_cla_placement_end_date)
    GROUP BY clap_person_id
)
SELECT count(*) FILTER (WHERE p.placement_count >= 3) AS numerator,
       count(*) AS denominator
FROM cla_open AS c
LEFT JOIN placements AS p USING (person);

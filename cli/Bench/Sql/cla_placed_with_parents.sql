-- cla_placed_with_parents: of cla_open children, those whose placement at D has type P1.
-- Readings: "the placement at D" is cohort placement_at_d (_cohorts.sql: the open placement with the
-- latest start); a cla_open child with no placement open at D stays in the denominator, not counted.
SELECT count(*) FILTER (WHERE p.placement_type = 'P1') AS numerator,
       count(*) AS denominator
FROM cla_open AS c
LEFT JOIN placement_at_d AS p USING (person);

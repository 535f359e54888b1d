-- cla_open: distinct children with a CLA episode open at D, excluding short-breaks-only children
-- (cohort cla_open; the reading of "only legal status at D is V3/V4" is written in _cohorts.sql).
SELECT count(*) AS numerator, NULL AS denominator FROM cla_open;

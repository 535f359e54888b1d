-- cp_plans_open: distinct children with a CP plan open at D (cohort cp_open, _cohorts.sql).
SELECT count(*) AS numerator, NULL AS denominator FROM cp_open;

-- open_cases: distinct children at D on a CIN plan, a CP plan or cared for (cla_open) (_cohorts.sql).
SELECT count(*) AS numerator, NULL AS denominator FROM open_cases;

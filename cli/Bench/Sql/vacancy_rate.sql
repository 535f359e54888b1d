-- vacancy_rate: vacancy FTE ÷ (vacancy FTE + employed FTE), summed over all teams' ext_workforce rows
-- for the month containing D.
-- Readings: a row belongs to the month of its wf_month (truncated to the month, so a wf_month that is
-- not the 1st still lands in its month); null FTE values add nothing; no rows for the month gives
-- numerator 0 and denominator 0, so a null value.
SELECT coalesce(sum(wf_vacancy_fte), 0) AS numerator,
       coalesce(sum(wf_vacancy_fte), 0) + coalesce(sum(wf_employed_fte), 0) AS denominator
FROM ext_workforce
WHERE date_trunc('month', wf_month) = date_trunc('month', {{D}});

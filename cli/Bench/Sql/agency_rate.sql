-- agency_rate: agency FTE ÷ (agency FTE + employed FTE) for the month containing D (readings as vacancy_rate:
-- the catalogue row gives no period, so the vacancy rate's "month containing D" is used).
SELECT coalesce(sum(wf_agency_fte), 0) AS numerator,
       coalesce(sum(wf_agency_fte), 0) + coalesce(sum(wf_employed_fte), 0) AS denominator
FROM ext_workforce
WHERE date_trunc('month', wf_month) = date_trunc('month', {{D}});

-- care_leavers_19_21_eet: of care leavers aged 19, 20 or 21 at D (those not in touch stay in the
-- denominator), those whose activity is F1, P1, F2, P2, F4, P4, F5 or P5.
-- Readings: a care leaver is a distinct clea_person_id of ssd_care_leavers (every row, whatever its
-- dates, since the table has no period columns); age is whole years at D from ssd_person.pers_dob
-- (age_at_d, _macros.sql); a person with no date of birth, or not in ssd_person, has no age and is left
-- out; a person with several care-leaver rows is EET when any row's activity is EET.
WITH care_leavers AS (
    SELECT clea_person_id AS person,
           bool_or(coalesce(clea_care_leaver_activity IN ('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5'), false)) AS eet
    FROM ssd_care_leavers
    WHERE clea_person_id IS NOT NULL
    GROUP BY clea_person_id
),
people AS (
    -- Only care leavers' rows are needed; the semi-join keeps the aggregation small.
    SELECT pers_person_id AS person, min(pers_dob) AS dob
    FROM ssd_person
    WHERE pers_person_id IN (SELECT person FROM care_leavers)
    GROUP BY pers_person_id
)
SELECT count(*) FILTER (WHERE c.eet) AS numerator,
       count(*) AS denominator
FROM care_leavers AS c
JOIN people AS p USING (person)
WHERE age_at_d(p.dob) BETWEEN 19 AND 21;

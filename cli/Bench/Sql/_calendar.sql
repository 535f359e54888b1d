-- Working-day calendar (kpi-catalogue.md, Conventions: Monday–Friday excluding England & Wales bank holidays).
-- cum_working(d) = number of working days in [calendar start, d], so the one function of the catalogue,
-- workingDaysBetween(S, E) = working days after S up to and including E (same day = 0), is
-- cum_working(E) - cum_working(S). The running counts are kept as one list (index = days since the
-- calendar start + 1): a list lookup per row is much cheaper here than a join or a correlated subquery.
CREATE TABLE bank_holidays AS SELECT DISTINCT unnest(CAST({{HOLIDAYS}} AS DATE[])) AS day;

CREATE TABLE calendar AS
SELECT day,
       is_working,
       sum(CAST(is_working AS INTEGER)) OVER (ORDER BY day) AS cum_working
FROM (
    SELECT CAST(g.generate_series AS DATE) AS day,
           isodow(CAST(g.generate_series AS DATE)) <= 5
             AND CAST(g.generate_series AS DATE) NOT IN (SELECT day FROM bank_holidays) AS is_working
    FROM generate_series(CAST({{CAL_START}} AS TIMESTAMP), CAST({{CAL_END}} AS TIMESTAMP), INTERVAL 1 DAY) AS g
);

SET VARIABLE calendar_cum = (SELECT list(cum_working ORDER BY day) FROM calendar);

-- A date outside the calendar is an error, never a guess.
CREATE MACRO cum_working(d) AS
    CASE WHEN d IS NULL THEN NULL
         WHEN d < {{CAL_START}} OR d > {{CAL_END}} THEN error('DUCKKPI_CALENDAR')
         ELSE getvariable('calendar_cum')[CAST(d - {{CAL_START}} AS INTEGER) + 1]
    END;

CREATE MACRO wd(s, e) AS (cum_working(e) - cum_working(s));

-- "At least n working days after s up to e" (plans open since before the calendar's coverage): when s is
-- before the calendar, the covered days [CAL_START, e] alone are a lower bound, so the answer is exact
-- whenever they already reach n; otherwise wd() raises the calendar error as usual.
CREATE MACRO at_least_wd(s, e, n) AS
    CASE WHEN s < {{CAL_START}} AND cum_working(e) >= n THEN true
         ELSE wd(s, e) >= n
    END;

-- The catalogue's conventions, written once (kpi-catalogue.md, "Conventions").
-- {{D}} is the snapshot date and {{W0}} is D - 1 year (computed by the caller with DateOnly.AddYears(-1),
-- so 29 February maps to 28 February, as DuckDB's date - INTERVAL 1 YEAR does).

-- Rolling 12 months: event date in (D - 1 year, D].
CREATE MACRO in_window(d) AS (d > {{W0}} AND d <= {{D}});

-- Open at D: start <= D and (end is null or end > D). An episode ended on D is not open.
CREATE MACRO open_at_d(s, e) AS (s <= {{D}} AND (e IS NULL OR e > {{D}}));

-- A dated row (start, end) "overlapping the 12 months to D" (placements, allocations): it started on or
-- before D and had not ended by the window's first day, i.e. end is null or end > D - 1 year (a row that
-- ended on a day inside the window counts; one that ended on D - 1 year itself does not).
CREATE MACRO overlaps_window(s, e) AS (s <= {{D}} AND (e IS NULL OR e > {{W0}}));

-- A flag value inside outcome JSON, in the contract's boolean forms; anything else (including "") is null.
CREATE MACRO flag_value(txt) AS
    CASE WHEN lower(trim(txt)) IN ('y', 'yes', 'true', '1') THEN true
         WHEN lower(trim(txt)) IN ('n', 'no', 'false', '0') THEN false
         ELSE NULL
    END;

-- Age in whole years at D: the number of birthdays reached, where dob + n years uses DuckDB's
-- month-end clamping (a 29 February birthday is reached on 28 February in a non-leap year, as in
-- .NET's DateOnly.AddYears).
CREATE MACRO age_at_d(dob) AS
    (year({{D}}) - year(dob)
     - CASE WHEN CAST(dob + to_years(CAST(year({{D}}) - year(dob) AS INTEGER)) AS DATE) > {{D}} THEN 1 ELSE 0 END);

-- cin_reviews_on_time: of ext_cin_reviews with cinr_due_date in the window, those held on or before the
-- due date (cinr_held_date <= cinr_due_date). Not held = not on time.
-- Reading: a review held after D but on or before its due date counts (no held <= D condition).
SELECT count(*) FILTER (WHERE cinr_held_date IS NOT NULL AND cinr_held_date <= cinr_due_date) AS numerator,
       count(*) AS denominator
FROM ext_cin_reviews
WHERE in_window(cinr_due_date);

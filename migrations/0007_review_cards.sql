-- Number reserved for the spaced-review branch (s17 shared decisions): its 0007_review_cards.sql replaces this
-- file at merge. It exists here only so that 0008 follows 0001–0007 without a gap; it changes nothing.
SELECT 1;

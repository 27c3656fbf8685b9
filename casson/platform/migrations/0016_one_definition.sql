-- One definition of each word said of a pair's status, used by every query that counts or
-- filters pairs (pages, the CLI and the board pack alike):
--   formed  the pair has started: active, completed or ended early (the KPI "pairs formed");
--   matched the mentee has a mentor: proposed, active or completed (an ended-early pair frees
--           the mentee, who is then "unmatched" again);
--   current the pair holds a mentor's place now: proposed or active.
CREATE MACRO pair_formed(status) AS status IN ('active', 'completed', 'ended_early');
CREATE MACRO pair_matched(status) AS status IN ('proposed', 'active', 'completed');
CREATE MACRO pair_current(status) AS status IN ('proposed', 'active');

-- A stale copy is found one way on every form: by the record's integer version (pairs and bids
-- had one; the directory's three lists compared updated_at).
ALTER TABLE courses ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE coaches ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE resources ADD COLUMN version INTEGER DEFAULT 1;

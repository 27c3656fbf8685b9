-- 0002: pair changes are grouped (a swap touches two pairs) and can be undone.
-- change_id groups the pair_events of one user action; undone marks events reverted by an undo.
CREATE SEQUENCE pair_changes_id_seq START 1;
ALTER TABLE pair_events ADD COLUMN change_id BIGINT;
ALTER TABLE pair_events ADD COLUMN undone BOOLEAN DEFAULT false;

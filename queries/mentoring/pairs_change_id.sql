-- A fresh id grouping the pair_events of one user action.
SELECT nextval('pair_changes_id_seq') AS change_id

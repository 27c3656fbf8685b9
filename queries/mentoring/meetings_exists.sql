-- Is a meeting of this pair on this date already logged?
SELECT id FROM meetings WHERE pair_id = $pair_id AND met_on = $met_on

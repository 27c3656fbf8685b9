-- Keep what staff chose to put in one bid's decision letter (insert or replace).
INSERT OR REPLACE INTO bid_letter_details (bid_id, reference, conditions, feedback,
                                           share_feedback, information_needed, updated_by,
                                           updated_at)
VALUES ($bid_id, $bid_reference, $letter_conditions, $letter_feedback, $letter_share,
        $letter_information, $actor, current_timestamp)

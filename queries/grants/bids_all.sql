-- Bids page (staff and admin): every bid with the applicant's name, email and the notes.
SELECT id, reference, applicant_name, applicant_email, employer, region, project_title, fund,
       amount_requested, amount_awarded, status, received_on, decided_on, report_received,
       notes, version, updated_at, updated_by
FROM bids
ORDER BY received_on DESC NULLS LAST, reference

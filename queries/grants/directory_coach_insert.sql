-- Add a coach or mentor to the directory; returns its id.
INSERT INTO coaches (name, organisation, kind, offers, fee_from, fee_note, website, notes)
VALUES ($coach_name, $coach_organisation, $coach_kind, $coach_offers, $coach_fee_from,
        $coach_fee_note, $coach_website, $coach_notes)
RETURNING id

"""The register of interest, moving people into a cohort, the mentee-to-mentor loop and its
funnel."""

from __future__ import annotations

from datetime import date

import pytest

from casson.mail import sending
from casson.mentoring import interest
from casson.protection import erasure


def _new_cohort(con, cohort_id: str = "cohort-3") -> None:
    con.execute("INSERT INTO cohorts (id, name, starts_on) VALUES (?, 'Cohort 3 (2022-23)', "
                "DATE '2022-10-03')", [cohort_id])


def _entry(con, **fields) -> int:
    base = {"full_name": "Priya Shah", "email": "Priya.Shah@Example.org",
            "region": "Yorkshire & Humber",
            "role_wanted": "Mentee", "cohort_wanted": "cohort-3", "source": "registration form",
            "consent": True, "registered_on": "05/04/2022"}
    return interest.add_entry(con, "ruth", {**base, **fields})


def test_staff_add_an_entry_with_every_field_stored(con):
    entry_id = _entry(con, notes="Met at the RCOT conference")
    row = interest.get_entry(con, entry_id)
    assert {k: row[k] for k in ("full_name", "email", "email_key", "region", "role_wanted",
                                "cohort_wanted", "source", "consent", "registered_on", "status",
                                "joined_cohort", "person_id", "notes", "updated_by")} == {
        "full_name": "Priya Shah", "email": "Priya.Shah@Example.org",
        "email_key": "priya.shah@example.org", "region": "Yorkshire and the Humber",
        "role_wanted": "mentee", "cohort_wanted": "cohort-3", "source": "registration form",
        "consent": True, "registered_on": date(2022, 4, 5), "status": "new", "joined_cohort": None,
        "person_id": None, "notes": "Met at the RCOT conference", "updated_by": "ruth"}
    assert con.execute("SELECT actor, action FROM audit_log WHERE entity = 'interest' "
                       "AND entity_id = ?",
                       [str(entry_id)]).fetchall() == [("ruth", "interest.add")]


@pytest.mark.parametrize(("fields", "message"), [
    ({"email": "not-an-email"}, "is not an email address"),
    ({"region": "Atlantis"}, "Region 'Atlantis'"),
    ({"role_wanted": "coach"}, "mentor or mentee"),
    ({"full_name": "  "}, "needs a name"),
    ({"cohort_wanted": "next one please"}, "not a cohort id"),
])
def test_bad_entries_are_refused_with_a_plain_message_and_nothing_written(con, fields, message):
    before = con.execute("SELECT count(*) FROM interest").fetchone()[0]
    with pytest.raises(interest.InterestError, match=message):
        _entry(con, **fields)
    assert con.execute("SELECT count(*) FROM interest").fetchone()[0] == before


def test_the_same_person_registering_twice_is_refused(con):
    _entry(con)
    with pytest.raises(interest.InterestError, match="already on the register"):
        _entry(con, email="priya.shah@example.org ")


def test_ticked_people_move_into_a_cohort_in_one_action_returning_people_linked(con):
    _new_cohort(con)
    returning = con.execute("SELECT p.id, p.full_name, p.email FROM people p JOIN participants pa "
                            "ON pa.person_id = p.id WHERE pa.cohort_id = 'pilot-2021' AND "
                            "pa.role = 'mentee' "
                            "ORDER BY p.id LIMIT 1").fetchone()
    a = _entry(con, role_wanted="mentor", full_name=returning[1], email=returning[2].upper())
    b = _entry(con, role_wanted="mentor", full_name="New Mentor", email="new.mentor@example.org")
    people_before = con.execute("SELECT count(*) FROM people").fetchone()[0]

    result = interest.enrol(con, "ruth", [a, b], "cohort-3", "mentor")

    assert (result.joined == [returning[1], "New Mentor"]
            and (result.linked, result.created) == (1, 1))
    assert con.execute("SELECT count(*) FROM people").fetchone()[0] == people_before + 1
    parts = con.execute("SELECT p.email_key, pa.role, pa.capacity FROM participants "
                        "pa JOIN people p "
                        "ON p.id = pa.person_id WHERE pa.cohort_id = 'cohort-3' "
                        "ORDER BY p.email_key").fetchall()
    assert parts == sorted([(returning[2].lower(), "mentor", 1),
                            ("new.mentor@example.org", "mentor", 1)])
    row = interest.get_entry(con, a)
    assert ((row["status"], row["joined_cohort"], row["person_id"])
            == ("joined", "cohort-3", returning[0]))
    actions = [r[0] for r in con.execute("SELECT action FROM audit_log WHERE actor = "
                                         "'ruth' ORDER BY id").fetchall()]
    assert actions.count("interest.enrol") == 2 and actions.count("participant.add") == 2
    assert actions.count("person.add") == 1


def test_one_role_per_cohort_refuses_the_whole_move_by_name(con):
    mentee = con.execute("SELECT p.full_name, p.email FROM people p JOIN participants pa ON "
                         "pa.person_id = p.id "
                         "WHERE pa.cohort_id = 'cohort-2' AND pa.role = 'mentee' ORDER "
                         "BY p.id LIMIT 1").fetchone()
    ok = _entry(con, role_wanted="mentor", email="fine@example.org", cohort_wanted="cohort-2")
    clash = _entry(con, role_wanted="mentor", full_name=mentee[0], email=mentee[1],
                   cohort_wanted="cohort-2")
    parts_before = con.execute("SELECT count(*) FROM participants").fetchone()[0]
    with pytest.raises(interest.InterestError,
                       match=f"{mentee[0]} .* already a mentee of cohort-2"):
        interest.enrol(con, "ruth", [ok, clash], "cohort-2", "mentor")
    assert con.execute("SELECT count(*) FROM participants").fetchone()[0] == parts_before
    assert interest.get_entry(con, ok)["status"] == "new"


def test_statuses_change_by_hand_except_joined(con):
    entry = _entry(con)
    assert interest.set_status(con, "ruth", [entry], "withdrew") == 1
    assert interest.get_entry(con, entry)["status"] == "withdrew"
    with pytest.raises(interest.InterestError, match="withdrew"):
        interest.enrol(con, "ruth", [entry], "cohort-2", "mentee")
    with pytest.raises(interest.InterestError, match="moving people into a cohort"):
        interest.set_status(con, "ruth", [entry], "joined")


def test_the_demo_register_asks_for_a_third_cohort_with_willing_pilot_mentees(con):
    reg = interest.register(con)
    third = reg[reg["cohort_wanted"] == "cohort-3"]
    assert len(third) >= 20 and set(third["role_wanted"]) == {"mentor", "mentee"}
    loop = third[third["from_cohort"] == "pilot-2021"]
    assert len(loop) == 6 and set(loop["role_wanted"]) == {"mentor"}
    willing = {r[0] for r in con.execute("SELECT person_id FROM survey_responses WHERE cohort_id = "
                                         "'pilot-2021' AND role = 'mentee' AND "
                                         "willing_to_mentor").fetchall()}
    assert set(loop["person_id"].astype(int)) <= willing
    assert reg["email"].str.endswith("@example.org").all()


def test_the_loop_invites_willing_mentees_and_the_funnel_counts_them(con):
    _new_cohort(con)
    before = interest.mentor_funnel(con).set_index("cohort")
    loop = ["willing", "invited", "mentored_later"]
    assert before.loc["pilot-2021", loop].tolist() == [41, 12 + 4 + 1, 12]
    assert interest.next_cohort(con, "cohort-2") == "cohort-3"

    added = interest.invite_willing(con, "ruth", "pilot-2021", "cohort-3")

    # Before: 12 joined cohort 2 from the register, 4 invited and 1 declined for cohort 3.
    # 41 willing: 12 already mentored in cohort 2, but
    # not in cohort 3; 6 were on its register already.
    assert added == 41 - 6
    again = interest.invite_willing(con, "ruth", "pilot-2021", "cohort-3")
    assert again == 0
    after = interest.mentor_funnel(con).set_index("cohort")
    assert after.loc["pilot-2021", ["willing", "invited", "mentored_later"]].tolist() == [41,
                                                                                          41 - 1,
                                                                                          12]
    rows = con.execute("SELECT status, source, consent, role_wanted, cohort_wanted FROM interest "
                       "WHERE from_cohort = 'pilot-2021' AND cohort_wanted = 'cohort-3' AND "
                       "updated_by = 'ruth'"
                       ).fetchall()
    assert set(rows) == {("invited", "pilot-2021 survey: willing to mentor", True, "mentor",
                          "cohort-3")}


def test_erasure_scrubs_the_email_log_and_the_outbox(con, demo_db):
    batch = sending.compose(con, "introduction", "cohort-2")
    target = batch.messages[0]
    sending.send(con, "ruth", batch, None)
    outbox = demo_db.parent / "outbox"
    naming = [p for p in outbox.glob("*.eml") if target.recipient in p.read_text()]
    assert len(naming) >= 2  # their own introduction and the other person's of the pair

    result = erasure.erase_person(con, target.recipient, "admin")

    assert not [p for p in outbox.glob("*.eml") if target.recipient in p.read_text()]
    assert not [p for p in outbox.glob("*.eml") if target.name in p.read_text()]
    assert result.changed["outbox.eml"] == len(naming)
    assert len(list(outbox.glob("*.eml"))) == len(batch.messages) - len(naming)
    hits = con.execute("SELECT count(*) FROM email_log WHERE recipient ILIKE ? OR subject ILIKE ? "
                       "OR message_key ILIKE ?", [f"%{target.recipient}%", f"%{target.name}%",
                                                  f"%{target.recipient}%"]).fetchone()[0]
    assert hits == 0
    assert con.execute("SELECT count(*) FROM email_log").fetchone()[0] == len(batch.messages)


def test_the_board_pack_shows_the_loop_by_cohort(con, tmp_path):
    import re
    import subprocess

    from casson.outcomes import board_pack

    interest.invite_willing(con, "ruth", "pilot-2021", "cohort-2")
    pack = board_pack.gather(con, "pilot-2021", date(2026, 3, 2))
    out = tmp_path / "pack.pdf"
    out.write_bytes(board_pack.draw(pack, [], "No charts in this test."))
    text = re.sub(r"[ \t]+", " ",
                  subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True,
                                                 capture_output=True, text=True).stdout)
    funnel = interest.mentor_funnel(con).set_index("cohort").loc["pilot-2021"]
    assert funnel[["willing", "invited", "mentored_later"]].tolist() == [41, 41, 12]
    assert "The loop: willing → invited → mentoring" in text
    assert "Pilot (March–June 2021) 41 41 12" in text
    assert "@example.org" not in text

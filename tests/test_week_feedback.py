"""What the Pairs page says after a change (issue 26): the undo label of an accepted
suggestion counts the pairs it accepted, rather than naming one mentee."""

import re

from conftest import open_tab

from ui import pair_forms


def test_the_undo_label_of_an_accepted_suggestion_counts_its_pairs(pairs_page):
    from ui import data

    at = open_tab(pairs_page, pair_forms.TAB_KEY, "Suggest pairs")
    at.button(key="pairs_suggest_submit").click().run()
    at.radio(key="pairs_accept_status").set_value("proposed")
    at.button(key="pairs_accept").click().run()
    with data.cursor() as cur:
        n = cur.execute(
            "SELECT count(*) FROM pairs WHERE cohort_id = 'cohort-2' AND status = 'proposed'"
        ).fetchone()[0]
    assert n > 1
    open_tab(at, pair_forms.TAB_KEY, "Change a pair")
    captions = [c.value for c in at.caption]
    label = next(c for c in captions if c.startswith("Accepted "))
    assert re.fullmatch(rf"Accepted {n} suggested pairs, by staff at \d\d:\d\d:\d\d on .+", label)
    assert not [c for c in captions if "suggest of" in c]

"""One date format where people filter and enter dates (issue 26): every date field on every
page, every tab of it opened, for the admin (who sees every page), reads dd/mm/yyyy."""

from casson.platform import access
from tests.support import each_tab, signed_in_app


def test_every_date_field_reads_day_month_year(app_env):
    at = signed_in_app("admin").run()
    fields, odd = 0, []
    for spec in access.pages_for("admin"):
        at.switch_page(spec.path).run()
        for view in each_tab(at):
            for box in at.date_input:
                fields += 1
                if box.proto.format != "DD/MM/YYYY":
                    odd.append(f"{spec.key}/{view}: {box.label!r} is {box.proto.format}")
    assert fields >= 5 and not odd, "\n".join(odd)

"""ui.safe: stored text becomes inert Markdown; casson.outcomes.charts.labels: inert Plotly
labels."""

import re

import pandas as pd

from casson.outcomes import charts
from ui import safe

HOSTILE = ("![b](http://127.0.0.1:9/b.png) :material/home: :smile: :red[x] $y$ **z** <i>w</i> "
           "&amp; ~~s~~ a|b www.x.org\n# head\n1. item\n> quote\n- list\n===")


def test_every_markdown_mark_in_stored_text_is_escaped():
    out = safe.text(HOSTILE)
    # with the escapes and word joiners taken out again, it is the text as typed
    assert re.sub(r"\\(.)", r"\1", out).replace("\u2060", "") == HOSTILE
    assert not re.search(r"(?<!\\)[\[\]*$<`_~|]|(?<!\\):(?=\w)|(?<=\w)(?<!\\):(?=\s)"
                         r"|(?<!\\)&(?=amp;)", out)
    assert all(line[:1] == "\\" or line[1:2] == "\\" for line in out.splitlines()[1:])
    assert "://" not in out.replace("\\", "") and "www." not in out.replace("\\", "")
    assert safe.text(None) == ""
    assert safe.text("Saved pilot-2021: now (a, b). Done!") == "Saved pilot-2021: now (a, b). Done!"


def test_only_web_addresses_become_links():
    assert safe.link("Read", "https://example.org/a") == "[Read](https://example.org/a)"
    assert safe.link("Read", "javascript:alert(1)") == r"Read (javascript\:alert(1))"
    assert safe.link("Read", "https://x.org/a) ![i](http://evil/i.png") .startswith("Read (")
    assert safe.link("Read", None) == "Read"


def test_chart_labels_from_stored_text_are_not_plotly_markup():
    pipe = pd.DataFrame({"cohort": ['<a href="http://evil">c</a>'], "mentee_responses": [1],
                         "willing": [1], "willing_and_mentored_later": [0]})
    fig = charts.pipeline(pipe)
    # escaped, then wrapped on words for print (Plotly's own <br> is the only markup left)
    assert [x.replace("<br>", " ") for x in fig.data[0].x] == ['&lt;a href="http://evil"&gt;c&lt;/a&gt;']

"""Our lean copies of NHS.UK components render the markup the nhsuk-frontend-jinja macros render."""

import re

import pytest
from django.template import engines
from markupsafe import Markup

ROWS = [
    {"key": {"text": "Name"}, "value": {"text": "Ro Ellis-Jones"}},
    {"key": {"text": "Likes to be called"}, "value": {"text": 'Ro <script>alert(1)</script> & "friends"'}},
    {"key": {"text": "Dyddiad geni"}, "value": {"text": "  3 Mawrth 1990 (oed 36)  "}},
    {"key": {"text": "Contact"}, "value": {"html": Markup('<a href="tel:01234">01234 567890</a>')}},
]


def rendered(source: str, **context) -> str:
    html = engines["jinja2"].env.from_string(source).render(**context)
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).replace("> ", ">").replace(" <", "<").strip()


@pytest.mark.parametrize("rows", [ROWS, ROWS[:1], []])
def test_the_summary_list_of_words_is_the_nhs_summary_list(rows):
    ours = rendered('{% from "core/_nhs.jinja" import summaryListOfWords %}{{ summaryListOfWords(rows) }}', rows=rows)
    theirs = rendered(
        '{% from "nhsuk/components/summary-list/macro.jinja" import summaryList %}{{ summaryList({"rows": rows}) }}',
        rows=rows,
    )
    assert ours == theirs
    if rows:
        assert "&lt;script&gt;" in ours or len(rows) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"href": "/people/1/", "text": "Back to your caseload"},
        {"href": "/people/1/?a=1&b=2", "text": "Back to Ro's <plans> & more"},
        {"href": "/x", "text": Markup("Yn ôl i&#39;ch cynlluniau")},
        {"href": "/x", "text": ""},
        {"href": "/x", "text": "Back", "classes": "nhsuk-u-margin-bottom-0"},
        {"text": "Back", "element": "button"},
    ],
)
def test_the_back_link_is_the_nhs_back_link(params):
    ours = rendered('{% from "core/_nhs.jinja" import backLink %}{{ backLink(params) }}', params=params)
    theirs = rendered(
        '{% from "nhsuk/components/back-link/macro.jinja" import backLink %}{{ backLink(params) }}', params=params
    )
    assert ours == theirs

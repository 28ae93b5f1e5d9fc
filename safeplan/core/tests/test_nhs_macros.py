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


def ours_and_theirs(name: str, component: str, params: dict, theirs_given: dict | None = None) -> bool:
    """Whether our lean `name` (core/_nhs.jinja) draws `params` as the nhsuk component's macro draws `theirs_given`
    (the same params unless given)."""
    ours = rendered(f'{{% from "core/_nhs.jinja" import {name} %}}{{{{ {name}(params) }}}}', params=params)
    theirs = rendered(
        f'{{% from "nhsuk/components/{component}/macro.jinja" import {name} %}}{{{{ {name}(params) }}}}',
        params=params if theirs_given is None else theirs_given,
    )
    assert ours == theirs
    return True


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
    assert ours_and_theirs("backLink", "back-link", params)


@pytest.mark.parametrize(
    "params",
    [
        {"text": "Put forward for agreement"},
        {"text": "Save", "classes": "nhsuk-button--secondary"},
        {"text": 'Ro\'s <plan> & "more"', "classes": "nhsuk-button--secondary nhsuk-u-margin-bottom-2"},
        {"text": Markup("Cadw&#39;r cynllun")},
        {"text": "  Save  "},
        {"text": "Start", "href": "/start"},
        {"text": "Stop", "classes": "nhsuk-button--warning", "preventDoubleClick": True},
        {"html": Markup("<span>Save</span>")},
    ],
)
def test_the_button_is_the_nhs_button(params):
    assert ours_and_theirs("button", "button", params)


@pytest.mark.parametrize(
    "params",
    [
        {"summaryText": "What makes a plan work well", "html": Markup("<p>Each of these.</p><ul><li>One</li></ul>")},
        {"summaryText": "Ro's <plans> & more", "html": Markup("  <p>x</p>  ")},
        {"summaryText": Markup("Beth sy&#39;n gwneud i gynllun weithio"), "html": ""},
        {"summaryText": "Open", "html": Markup("<p>x</p>"), "open": True},
        {"summaryText": "Text", "text": "Only words"},
    ],
)
def test_the_details_are_the_nhs_details(params):
    assert ours_and_theirs("details", "details", params)


@pytest.mark.parametrize(
    "params",
    [
        {"text": "This plan has changed since version 2 was agreed."},
        {"text": 'Ro\'s <plan> & "more"', "visuallyHiddenText": "Gwybodaeth"},
        {
            "html": Markup("<p>Version 3 is waiting. <a href='/v/3/'>Read it</a></p>"),
            "visuallyHiddenText": "Information",
        },
        {"text": "  Words  ", "visuallyHiddenText": ""},
        {"text": "With classes", "classes": "nhsuk-u-margin-top-0"},
    ],
)
def test_the_inset_text_is_the_nhs_inset_text(params):
    # Ours gives the hidden word in the reader's language when none (or an empty one) is given.
    with_words = {"visuallyHiddenText": "Information", **{k: v for k, v in params.items() if v != ""}}
    assert ours_and_theirs("insetText", "inset-text", params, with_words)

"""Small numbers are never shown: a cell whose numerator, denominator or (for a share) the rest is from 1 to 4 reads
"fewer than 5", and when one team's cell of a month is suppressed beside the organisation's figure, another team's
is too, so the first cannot be worked out by subtraction."""

from datetime import date

import pytest

from safeplan.core.charts import SMALL
from safeplan.oversight.figures import FEWER, HIDDEN, NONE, Cell, MeasureFigures, Scope, cell, protect
from safeplan.people.measures import ORGANISATION, Measure, Month


def a_measure(per: int = 100) -> Measure:
    return Measure("m", 1, "A measure", "met", "counted", "monthly", lambda organisation, months: {}, per=per)


@pytest.mark.parametrize(
    ("numerator", "denominator", "text"),
    [
        (0, 0, NONE),
        (0, 10, "0% (0 of 10)"),
        (3, 10, FEWER),  # the numerator is small
        (5, 10, "50% (5 of 10)"),
        (7, 10, FEWER),  # the 3 who were not
        (8, 10, FEWER),  # the 2 who were not are a small number
        (4, 4, FEWER),
        (0, 3, FEWER),  # the denominator is small
        (5, 5, "100% (5 of 5)"),
        (31, 50, "62% (31 of 50)"),
    ],
)
def test_a_share_is_suppressed_when_any_of_its_counts_is_from_1_to_4(numerator, denominator, text):
    assert cell(a_measure(), numerator, denominator).text == text


def test_a_suppressed_cell_carries_no_number_at_all():
    found = cell(a_measure(), 3, 10)
    assert (found.numerator, found.denominator, found.value) == (None, None, None)


def test_a_rate_is_suppressed_by_its_counts_but_not_by_the_rest():
    rate = a_measure(per=1000)
    assert cell(rate, 12, 400).text == "30 per 1,000 (12 of 400)"
    assert cell(rate, 2, 400).text == FEWER
    assert cell(rate, 398, 400).text == "995 per 1,000 (398 of 400)"


def shown(numerator, denominator):
    return cell(a_measure(), numerator, denominator)


def test_one_suppressed_team_hides_the_smallest_other_team_too():
    cells = protect([shown(3, 20), shown(10, 40), shown(6, 12), shown(0, 0)])
    assert [c.text for c in cells] == [FEWER, "25% (10 of 40)", HIDDEN, NONE]


def test_two_suppressed_teams_need_nothing_more_hidden():
    cells = protect([shown(3, 20), shown(2, 40), shown(6, 12)])
    assert [c.text for c in cells] == [FEWER, FEWER, "50% (6 of 12)"]


def test_no_cell_of_a_year_of_figures_shows_a_count_from_1_to_4():
    """Every combination of counts up to 12 in three teams: nothing shown is small, and no suppressed team can be
    worked out from the organisation's figure and the other teams' (when the teams add up to the whole)."""
    for a in range(13):
        for b in range(13):
            teams = protect([shown(a, 12), shown(b, 12), shown(6, 12)])
            whole = shown(a + b + 6, 36)
            for found in [*teams, whole]:
                assert found.numerator not in SMALL and found.denominator not in SMALL
                if found.numerator is not None and found.denominator is not None:
                    assert found.denominator - found.numerator not in SMALL
            hidden = [i for i, c in enumerate(teams) if c.suppressed]
            assert len(hidden) != 1, "a single suppressed team could be found by subtraction"


def test_the_chart_leaves_out_months_with_nobody_counted_and_does_not_draw_suppressed_ones():
    months = [Month(date(2026, m, 1), date(2026, m, 28)) for m in (1, 2, 3)]
    cells = {
        (ORGANISATION, months[0].first): shown(12, 20),
        (ORGANISATION, months[1].first): shown(0, 0),
        (ORGANISATION, months[2].first): shown(2, 10),
    }
    chart = MeasureFigures(a_measure(), [Scope(ORGANISATION, "Trust")], months, cells).chart()
    assert [p.value for p in chart.points] == [60.0, None]
    svg = str(chart.svg())
    assert 'data-value="60"' in svg and "data-suppressed" not in svg
    assert "%" in chart.median_words


def test_a_cell_is_hidden_and_says_so():
    assert Cell(None, None, None, HIDDEN).suppressed and Cell(None, None, None, FEWER).suppressed
    assert not shown(6, 12).suppressed

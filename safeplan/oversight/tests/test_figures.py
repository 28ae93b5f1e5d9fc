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
    teams, whole = protect([shown(3, 20), shown(10, 40), shown(6, 12), shown(0, 0)], shown(19, 72))
    assert [c.text for c in teams] == [FEWER, "25% (10 of 40)", HIDDEN, NONE]
    assert whole.text == "26.4% (19 of 72)"


def test_two_suppressed_teams_hide_another_when_together_they_would_be_small():
    """2 of 6 and 1 of 7 are both suppressed; shown beside 30 of 60 and the whole 33 of 73, they would add up to 3
    of 13 by subtraction: so the third team is hidden too, and then nothing can be worked out."""
    teams, whole = protect([shown(2, 6), shown(1, 7), shown(30, 60)], shown(33, 73))
    assert [c.text for c in teams] == [FEWER, FEWER, HIDDEN]
    assert whole.text == "45.2% (33 of 73)"


def test_a_team_that_is_the_whole_organisation_is_hidden_with_it():
    teams, whole = protect([shown(3, 20)], shown(3, 20))
    assert [c.text for c in teams] == [FEWER] and whole.text == FEWER


def sums(cells):
    return [(c.numerator, c.denominator) for c in cells if c.numerator is not None]


def test_nothing_small_can_be_worked_out_from_any_split_of_three_teams():
    """Every split of up to 12 people in each of three teams, each meeting the measure or not: no cell shown is
    small, and the whole less the teams shown never leaves a small number of those counted, met or not met."""
    for a in range(13):
        for b in range(13):
            for c in (0, 5, 11):
                counts = [(a, 12), (b, 12), (c, 12)]
                teams, whole = protect([shown(n, d) for n, d in counts], shown(a + b + c, 36))
                for found in [*teams, whole]:
                    assert found.numerator not in SMALL and found.denominator not in SMALL
                    if found.numerator is not None and found.denominator is not None:
                        assert found.denominator - found.numerator not in SMALL
                if whole.numerator is None:
                    continue
                left_n = whole.numerator - sum(n for n, _ in sums(teams))
                left_d = whole.denominator - sum(d for _, d in sums(teams))
                assert left_n not in SMALL and left_d not in SMALL and (left_d - left_n) not in SMALL, (a, b, c)


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

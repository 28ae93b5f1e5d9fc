"""The run chart (core/charts.py): median, shifts and trends by the run chart rules, worked out without knowing a count
that is not shown; the SVG never draws a suppressed count at its value."""

import math

from safeplan.core.charts import RunChart, RunPoint


def chart(*values: float | None | str) -> RunChart:
    """A month per value: None is a count from 1 to 4 (suppressed), "hidden" one of 5 or more not shown."""
    points = []
    for index, value in enumerate(values):
        label = f"Month {index + 1}"
        if value == "hidden":
            points.append(RunPoint(label[:3], label, None, low=5, high=math.inf))
        else:
            points.append(RunPoint(label[:3], label, value))  # type: ignore[arg-type]
    return RunChart(points, "Concerns received", "Month received")


def test_the_median_is_given_only_when_no_suppressed_count_moves_it():
    assert chart(None, 7, 8).median == 7  # the suppressed one is below 7 whatever it is
    assert chart(0, None, 7, 8).median is None
    assert (
        chart(0, None, 7, 8).median_words
        == "The median is between 4 and 5.5 a month (not exact: some months are not shown)."
    )
    assert chart(None, None, 0).median_words == "The median is fewer than 5 a month."
    assert chart(6, "hidden", 8, 9).median_words.startswith("The median is between 7 and 8.5")
    assert chart(5, 6, 7).median_words == "The median is 6 a month."


def test_six_in_a_row_on_one_side_of_the_median_is_a_shift():
    found = chart(5, 5, 5, 5, 5, 5, 9, 9, 9, 9, 9, 9).patterns()
    assert [(p.kind, p.direction, p.first, p.last) for p in found] == [
        ("shift", "below the median", 0, 5),
        ("shift", "above the median", 6, 11),
    ]
    assert chart(5, 5, 5, 5, 5, 9, 9, 9, 9, 9, 9, 9).patterns() == []  # five below; the rest on the median


def test_suppressed_counts_are_below_a_median_of_5_or_more_and_make_a_shift():
    found = chart(None, None, None, None, None, None, 8, 8, 8, 8, 8, 8).patterns()
    assert [(p.direction, p.first, p.last) for p in found] == [("below the median", 0, 5), ("above the median", 6, 11)]


def test_five_points_each_higher_than_the_last_is_a_trend_and_an_equal_one_neither_adds_nor_breaks():
    found = chart(5, 6, 7, 8, 9, 9, 3).patterns()
    assert [(p.kind, p.direction, p.first, p.last) for p in found] == [("trend", "rising", 0, 5)]
    assert chart(5, 6, 7, 8, 3).patterns() == []
    assert "a trend: rising from Month 1 to Month 6" in chart(5, 6, 7, 8, 9, 9, 3).sentence()


def test_a_trend_runs_through_a_suppressed_count_only_when_it_is_known_to_lie_between_its_neighbours():
    assert [(p.first, p.last) for p in chart(0, None, 6, 7, 8).patterns()] == [(0, 4)]  # 0 < 1..4 < 6
    assert chart(None, None, 6, 7, 8).patterns() == []  # which of two suppressed counts is higher is not known
    assert chart(6, "hidden", 8, 9, 10).patterns() == []  # nor whether a hidden one is above 6


def test_the_svg_draws_a_suppressed_count_in_the_band_and_never_at_a_value():
    drawn = chart(0, None, 7, "hidden", 9).svg()
    assert drawn.count("data-suppressed") == 1 and drawn.count("data-value=") == 3  # the hidden one is not drawn
    assert 'aria-label="The median is' in drawn and "<title>The median is" in drawn
    assert "style" not in drawn and "Month received" in drawn
    assert "data-median" not in drawn  # no median line where it is not exact
    assert 'data-median="7"' in chart(5, 6, 7, 8, 9).svg()

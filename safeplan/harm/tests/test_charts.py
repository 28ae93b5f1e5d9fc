"""A check-in chart says what it shows in a sentence first, then draws it with labelled axes and dates."""

import re
from datetime import date, timedelta

from safeplan.harm.charts import BAR_MAX, WIDTH_MAX, Point, TechniqueChart, axis_label
from safeplan.harm.models import CheckIn

TODAY = date(2026, 12, 10)


def chart(*points: tuple[date, int], name: str = "Holding ice", person: str | None = None) -> TechniqueChart:
    return TechniqueChart(name, [Point(day, helped, True) for day, helped in points], person=person, today=TODAY)


def five_check_ins() -> TechniqueChart:
    return chart(
        (date(2026, 10, 3), 3),
        (date(2026, 10, 10), 1),
        (date(2026, 11, 1), 4),
        (date(2026, 11, 20), 2),
        (date(2026, 12, 2), 0),
    )


def attribute(svg: str, name: str) -> str:
    found = re.search(rf'<svg[^>]* {name}="([^"]*)"', svg)
    assert found, name
    return found.group(1)


def test_the_sentence_counts_the_times_it_helped_a_lot_or_completely_since_the_first_month():
    assert five_check_ins().sentence == "Holding ice helped a lot 2 of 5 times since October."


def test_the_sentence_says_the_year_when_the_first_check_in_was_in_another_year():
    earlier = chart((date(2025, 11, 3), 4), (date(2026, 1, 5), 1))
    assert earlier.sentence == "Holding ice helped a lot 1 of 2 times since November 2025."


def test_the_sentence_reads_plainly_when_it_helped_a_lot_every_time_or_never():
    assert chart((date(2026, 10, 3), 3), (date(2026, 10, 4), 4)).sentence == (
        "Holding ice helped a lot both times since October."
    )
    assert chart(*[(date(2026, 11, d), 4) for d in (1, 2, 3)]).sentence == (
        "Holding ice helped a lot all 3 times since November."
    )
    assert chart(*[(date(2026, 11, d), 2) for d in (1, 2, 3)]).sentence == (
        "Holding ice did not help a lot any of the 3 times since November."
    )


def test_one_check_in_is_described_as_itself_to_the_person_and_to_their_care_team():
    assert chart((date(2026, 10, 3), 3)).sentence == "You have checked in once about Holding ice: it helped a lot."
    assert chart((date(2026, 10, 3), 0), person="Sash").sentence == (
        "Sash has checked in once about Holding ice: it did not help."
    )


def test_no_check_ins_are_described_without_a_chart_failing():
    assert chart().sentence == "You have not checked in about Holding ice yet."
    assert chart(person="Sash").sentence == "There are no check-ins about Holding ice to show yet."
    assert chart().svg().count("<rect") == 0


def test_the_chart_labels_how_much_it_helped_from_did_not_help_to_helped_completely():
    svg = str(five_check_ins().svg())
    labels = [axis_label(value) for value, _ in CheckIn.HELPED]
    assert labels == ["did not help", "helped a little", "helped somewhat", "helped a lot", "helped completely"]
    for label in labels:
        assert f">{label}</text>" in svg


def test_the_chart_shows_the_dates_of_the_first_and_last_check_ins():
    svg = str(five_check_ins().svg())
    assert ">3 Oct</text>" in svg and ">2 Dec</text>" in svg
    spanning = str(chart((date(2025, 12, 30), 2), (date(2026, 1, 2), 3)).svg())
    assert ">30 Dec 2025</text>" in spanning and ">2 Jan 2026</text>" in spanning


def test_a_single_bar_fills_a_small_chart_rather_than_a_wide_empty_one():
    svg = str(chart((date(2026, 10, 3), 3)).svg())
    assert svg.count("<rect") == 1 and ">3 Oct</text>" in svg
    bar_width = float(re.search(r'<rect[^>]* width="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    assert bar_width <= BAR_MAX
    assert int(attribute(svg, "width")) <= 200


def test_many_check_ins_still_fit_a_phone_screen():
    many = chart(*[(TODAY - timedelta(days=n), n % 5) for n in range(60, 0, -1)])
    svg = str(many.svg())
    assert svg.count("<rect") == 60
    assert int(attribute(svg, "width")) <= WIDTH_MAX
    dates = re.findall(r">(\d+ \w{3})</text>", svg)
    assert dates[0] == "11 Oct" and dates[-1] == "9 Dec"


def test_the_chart_is_named_by_the_same_sentence_and_needs_no_script_or_inline_style():
    ice = five_check_ins()
    svg = str(ice.svg())
    assert attribute(svg, "role") == "img"
    assert attribute(svg, "aria-label") == ice.sentence
    assert f"<title>{ice.sentence}</title>" in svg
    assert "style" not in svg and "<script" not in svg


def test_a_technique_name_is_escaped_in_the_chart():
    svg = str(chart((date(2026, 10, 3), 3), name='My "own" <b>way</b>').svg())
    assert "<b>" not in svg and "My &#34;own&#34; &lt;b&gt;way&lt;/b&gt;" in svg

"""Working-day arithmetic for complaint time limits (issue 12): weekends, Christmas, Easter, substitute bank holidays,
and each nation's own calendar."""

from datetime import date

import pytest

from safeplan.concerns.working_days import add_working_days, day_zero, is_working_day, working_days_between


def test_a_weekend_is_not_counted():
    assert add_working_days(date(2026, 11, 20), 3, "england") == date(2026, 11, 25)  # Friday → Wednesday


def test_a_concern_received_on_a_saturday_counts_from_the_monday():
    assert day_zero(date(2026, 11, 21), "england") == date(2026, 11, 23)
    assert add_working_days(date(2026, 11, 21), 3, "england") == date(2026, 11, 26)


def test_christmas_and_the_substitute_boxing_day_are_skipped():
    # 2026: Christmas Day is a Friday, Boxing Day a Saturday, so Monday 28 December is the substitute bank holiday.
    assert not is_working_day(date(2026, 12, 28), "england")
    assert add_working_days(date(2026, 12, 24), 3, "england") == date(2026, 12, 31)


def test_easter_is_skipped_in_england_but_easter_monday_is_worked_in_scotland():
    # 2026: Good Friday 3 April, Easter Monday 6 April (a bank holiday in England and Wales, not in Scotland).
    assert add_working_days(date(2026, 4, 2), 1, "england") == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 2), 1, "scotland") == date(2026, 4, 6)


@pytest.mark.parametrize(
    ("nation", "expected"),
    [
        ("england", date(2026, 8, 4)),  # the late summer holiday is 31 August, so early August is all worked
        ("scotland", date(2026, 8, 5)),  # Scotland's summer bank holiday is Monday 3 August
    ],
)
def test_each_nation_has_its_own_summer_bank_holiday(nation, expected):
    assert add_working_days(date(2026, 7, 31), 2, nation) == expected


def test_st_andrews_day_is_a_holiday_only_in_scotland():
    assert is_working_day(date(2026, 11, 30), "england")
    assert not is_working_day(date(2026, 11, 30), "scotland")


def test_twenty_five_working_days_across_christmas_and_new_year():
    # 15–18, 21–24, 29–31 December (11), then 4–21 January (14): Christmas, the substitute day and New Year skipped.
    assert add_working_days(date(2026, 12, 14), 25, "england") == date(2027, 1, 21)
    assert working_days_between(date(2026, 12, 14), date(2027, 1, 21), "england") == 25


def test_working_days_between_is_zero_on_or_before_day_zero():
    assert working_days_between(date(2026, 11, 21), date(2026, 11, 23), "england") == 0
    assert working_days_between(date(2026, 11, 23), date(2026, 11, 20), "england") == 0


def test_counting_backwards_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 20), -1, "england")

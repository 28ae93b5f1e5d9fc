"""Working days for complaint time limits, with each UK nation's bank holidays (PyPI `holidays`: offline, its
calendars ship with the package, so nothing is fetched at run time).

Counting, as NHS complaints teams count: the day a concern is received is day 0; one received on a weekend or bank
holiday counts as received on the next working day; "within 3 working days" is the third working day after day 0.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

NATIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern-ireland": "NIR"}


@lru_cache(maxsize=64)
def _bank_holidays(nation: str, year: int) -> frozenset[date]:
    calendar = holidays.country_holidays("GB", subdiv=NATIONS[nation], years=year)
    return frozenset(calendar.keys())


def is_working_day(day: date, nation: str) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(nation, day.year)


def day_zero(received: date, nation: str) -> date:
    """The day counting starts from: the day received, or the next working day when it was received on another."""
    day = received
    while not is_working_day(day, nation):
        day += timedelta(days=1)
    return day


def add_working_days(received: date, days: int, nation: str) -> date:
    """The date that is `days` working days after a concern received on `received`."""
    if days < 0:
        raise ValueError("Count forward only.")
    day, counted = day_zero(received, nation), 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, nation):
            counted += 1
    return day


def working_days_between(start: date, end: date, nation: str) -> int:
    """How many working days after `start` (as day 0) `end` is; 0 when `end` is on or before day 0."""
    day, counted = day_zero(start, nation), 0
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, nation):
            counted += 1
    return counted

"""Calendar arithmetic every capability shares."""

import calendar
from datetime import date

from django.utils import dateformat, translation


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter (31 January + 1 month = 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def long_day(day: date) -> str:
    """A date in words, '3 March 2026'; in Welsh, '3 Mawrth 2026' (Django's own month names for the language)."""
    if translation.get_language() == "cy":
        return dateformat.format(day, "j F Y")
    return f"{day:%-d %B %Y}"

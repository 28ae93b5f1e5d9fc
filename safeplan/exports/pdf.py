"""All my data as a readable PDF (core.pdf: WeasyPrint, offline; the stylesheet is inline). One heading per part
of the document; parts a capability adds later that this template does not know are still shown, as labelled
lists."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from safeplan.core.pdf import render_pdf

HEADINGS = {
    "person": "About you",
    "care_teams": "Your care teams",
    "people_you_chose": "People you chose",
    "plans": "Your plans",
    "harm": "Your harm-minimisation check-ins and conversations",
    "decisions": "Your decisions",
    "access_log": "Who has looked at your record",
    "sharing_history": "What you have shared, and with whom",
    "withheld": "Things not shown to you",
}


def when(value: object, with_time: bool = True) -> str:
    """An ISO date or date-time from the document in words, in Europe/London: '3 March 2026 at 2:05pm'."""
    if not value:
        return ""
    text = str(value)
    try:
        if "T" in text:
            moment = timezone.localtime(datetime.fromisoformat(text))
            fmt = "%-d %B %Y at %-I:%M%p" if with_time else "%-d %B %Y"
            return moment.strftime(fmt).replace("AM", "am").replace("PM", "pm")
        return date.fromisoformat(text).strftime("%-d %B %Y")
    except ValueError:
        return text


def label(key: object) -> str:
    """A field's key in words: 'harms_now' -> 'Harms now'."""
    text = str(key).replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def words(value: object) -> str:
    """A single value as a person reads it (yes/no, dates in words, nothing for empty)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = str(value)
    if len(text) >= 10 and text[4:5] == "-" and text[7:8] == "-" and text[:4].isdigit():
        return when(text)
    return text


def render_all_my_data_pdf(document: dict[str, Any]) -> bytes:
    records = document.get("records", {})
    context = {
        "doc": document,
        "person": document["person"],
        "records": records,
        "other_records": {k: v for k, v in records.items() if k not in HEADINGS},
        "headings": HEADINGS,
        "when": when,
        "label": label,
        "words": words,
    }
    return render_pdf("exports/pdf.jinja", context)

"""Reminders of training due: a month before a refresher falls due (or as soon as it is overdue), the member of
staff is told once, by e-mail (or GOV.UK Notify). Nothing about anyone else."""

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse

from safeplan.core.notify import due_reminder
from safeplan.core.reminders import Due, Outcome, send_once
from safeplan.oversight.models import TrainingRecord

AHEAD = timedelta(days=30)
KIND = "training_due"


def due_training(today: date) -> list[Due]:
    """The latest record of each course for each active member of staff with an address, due within a month."""
    latest: dict[tuple[int, str], TrainingRecord] = {}
    records = (
        TrainingRecord.objects.filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("-completed_on", "-pk")
    )
    for record in records:
        latest.setdefault((record.user_id, record.course), record)
    link = settings.SITE_URL + reverse("training")
    due = []
    for record in latest.values():
        if record.refresh_on > today + AHEAD:
            continue
        words = f"Your refresher in {record.get_course_display().lower()} is due on {record.refresh_on:%-d %B %Y}."
        reminder = due_reminder(
            "oversight/email/training_due", "Your training refresher is due", words, link, f"training-{record.pk}"
        )
        due.append(Due(KIND, str(record.pk), record.user_id, record.user.email, reminder))
    return due


def send_training_reminders(today: date) -> Outcome:
    return send_once(due_training(today))

"""A crisis contact or leaving hospital, and the contact with the person afterwards: the first days after either are
when people are most at risk, and a call within 72 hours is part of what makes safety planning work. Both events are
written by the care team and kept as history (never changed); the person sees them in their record."""

from django.db import models
from django.utils.translation import gettext_noop as N_

from safeplan.core.immutability import Authored
from safeplan.people.models import Person

WITHIN = 72  # hours: the follow-up is due this long after the event


class CrisisEvent(Authored):
    class Kind(models.TextChoices):  # stored labels, English: pages show them through `words(...)`
        CRISIS_CONTACT = "crisis_contact", N_("A crisis contact (crisis team, crisis line, A&E, the police)")
        DISCHARGE = "discharge", N_("Leaving hospital")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    happened_at = models.DateTimeField()
    where = models.CharField(max_length=200, blank=True, help_text="For example, the crisis team or Ward 3.")
    follow_up_by = models.DateTimeField(help_text=f"{WITHIN} hours after it happened.")

    class Meta:
        ordering = ["-happened_at"]
        indexes = [
            models.Index(fields=["person", "happened_at"], name="crisis_event_person"),
            models.Index(fields=["happened_at"], name="crisis_event_when"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.happened_at:%Y-%m-%d %H:%M}"


class FollowUp(Authored):
    """One try at contact afterwards; `reached` says whether the care team spoke with the person."""

    class How(models.TextChoices):
        PHONE = "phone", N_("Phone call")
        VISIT = "visit", N_("Visit")
        VIDEO = "video", N_("Video call")
        TEXT = "text", N_("Text message, with a reply")
        APPOINTMENT = "appointment", N_("Appointment")

    event = models.ForeignKey(CrisisEvent, on_delete=models.PROTECT, related_name="follow_ups")
    contacted_at = models.DateTimeField()
    how = models.CharField(max_length=20, choices=How.choices)
    reached = models.BooleanField(help_text="They spoke with the person (not a message left).")
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["contacted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_how_display()} at {self.contacted_at:%Y-%m-%d %H:%M}"


class RecordedInError(Authored):
    """An event recorded by mistake (the wrong person, a date typed wrong, saved twice): it stays in the record with
    why, and is no longer flagged on the caseload nor counted."""

    event = models.OneToOneField(CrisisEvent, on_delete=models.PROTECT, related_name="in_error")
    why = models.TextField(max_length=1000)

    def __str__(self) -> str:
        return f"Recorded in error: {self.event_id}"

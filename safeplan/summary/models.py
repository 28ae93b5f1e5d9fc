"""What the safety summary holds of its own (the rest it reads from the record as it stands): what the person wants
people to know about them, their goals, and the appointments they attended.

Every row is history: a change is a new row (an about-me, a goal's revision), never an edit, so the summary can
always say who wrote what, and when. Attendance is recorded as attended, with its date: a missed appointment is
never recorded here, so it can never be shown.
"""

import uuid

from django.db import models

from safeplan.core.immutability import Authored
from safeplan.people.models import Person


class AboutMe(Authored):
    """ "What I want people to know about me", in the person's own words: the latest row is shown first."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    words = models.TextField(max_length=2000)

    class Meta:
        ordering = ["person", "written_at", "pk"]

    def __str__(self) -> str:
        return f"About me, {self.written_at:%Y-%m-%d}"


class Goal(models.Model):
    """A goal of the person's own ("what I want to do in my life"); its words are in its revisions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    revision = models.PositiveIntegerField(default=1, help_text="The latest revision's number (moved on by update).")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["person", "created_at"]

    def __str__(self) -> str:
        return f"Goal {self.pk}"


class GoalRevision(Authored):
    """A goal as written at one moment: what, the steps towards it, who helps, and what in the record serves it."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    words = models.CharField(max_length=300, help_text="What I want to do in my life.")
    steps = models.TextField(max_length=2000, blank=True)
    who_helps = models.CharField(max_length=300, blank=True)
    serves = models.JSONField(default=list, blank=True, help_text="References of the plans and decisions it serves.")
    ended = models.BooleanField(default=False, help_text="Done, or no longer a goal: kept, and shown as such.")

    class Meta:
        ordering = ["goal", "number"]
        constraints = [models.UniqueConstraint(fields=["goal", "number"], name="one_goal_revision_per_number")]

    def __str__(self) -> str:
        return f"{self.goal_id} r{self.number}"


class Attendance(Authored):
    """An appointment the person attended. Only attendance is recorded: the summary counts what went well."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    attended_on = models.DateField()
    what = models.CharField(max_length=200, help_text="For example: an appointment with my care coordinator.")

    class Meta:
        ordering = ["person", "attended_on", "pk"]
        indexes = [models.Index(fields=["person", "attended_on"], name="attendance_person")]

    def __str__(self) -> str:
        return f"Attended {self.attended_on}"

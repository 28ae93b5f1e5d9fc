"""Harm minimisation: the organisation's technique catalogue and information library, the conversations a
practitioner records before agreeing a plan, and the person's own check-ins on what helped.

The plan itself is a `plans.Plan` from the harm-minimisation template, so it is written, versioned and signed exactly
like a safety plan.
"""

import uuid

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_noop as N_

from safeplan.core.immutability import Authored
from safeplan.people.models import Organisation, User
from safeplan.plans.models import Entry, Plan


class InformationItem(models.Model):
    """Guidance the service maintains (wound care, when to get help, keeping instruments clean), with its review."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", "Everyone"
        PEOPLE = "people", "People using the service"
        STAFF = "staff", "Staff only"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="information_items")
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=10000)
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    reviewed_by = models.CharField(max_length=200, help_text="Who checked this information is right.")
    reviewed_on = models.DateField()
    review_due = models.DateField()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Technique(models.Model):
    """A harm-minimisation technique in an organisation's catalogue, and whether the service endorses it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="techniques")
    key = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    description = models.TextField(max_length=2000)
    needs = models.CharField(max_length=300, blank=True, help_text="What someone needs to hand to use it.")
    cautions = models.TextField(max_length=2000, blank=True)
    endorsed = models.BooleanField(default=False, help_text="The service recommends this technique.")
    anatomy = models.BooleanField(
        default=False,
        help_text="Gives information about the body (such as areas to avoid): a practitioner is asked to talk it "
        "through first when thoughts of suicide have been recorded recently.",
    )
    information = models.ManyToManyField(InformationItem, blank=True, related_name="techniques")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="technique_key_in_org")]

    def __str__(self) -> str:
        return self.name


class Conversation(Authored):
    """A practitioner's record that a prompt was talked through with the person. Part of the plan's history."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="conversations")
    prompt_key = models.SlugField(max_length=60)
    note = models.TextField(max_length=2000)

    class Meta:
        ordering = ["written_at"]

    def __str__(self) -> str:
        return f"{self.prompt_key} talked through on plan {self.plan_id}"


class CheckIn(models.Model):
    """Which technique the person used and how much it helped. Theirs: private unless they share it."""

    HELPED = [  # shown in the reader's language where they are shown (the number is what is stored)
        (0, N_("It did not help")),
        (1, N_("It helped a little")),
        (2, N_("It helped somewhat")),
        (3, N_("It helped a lot")),
        (4, N_("It helped completely")),
    ]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="check_ins")
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="check_ins")
    used_on = models.DateField()
    helped = models.PositiveSmallIntegerField(choices=HELPED, validators=[MaxValueValidator(4)])
    note = models.TextField(max_length=1000, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_by_role = models.CharField(max_length=40)
    shared = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["used_on", "created_at"]
        indexes = [models.Index(fields=["plan", "shared", "used_on"], name="check_in_plan")]
        constraints = [models.CheckConstraint(condition=models.Q(helped__lte=4), name="check_in_helped_0_to_4")]

    def __str__(self) -> str:
        return f"Check-in {self.pk}"

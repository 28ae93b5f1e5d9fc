"""Shared decision records about positive risk taking: the decision, its options with their harms now and to the
person's life later, everyone's view kept with its author, capacity (presumed unless assessed for this decision),
the legal frameworks considered, the agreement signed by the person and a practitioner, and what happened after.

Rows that record what someone said or decided are never changed: a changed view is a new row, and the agreement
is immutable once made.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_noop as N_  # choices stored in English, translated where shown

from safeplan.core.immutability import Authored, History
from safeplan.people.models import Person, User


class Decision(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="decisions")
    question = models.CharField(max_length=300)
    context = models.TextField(max_length=4000, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.question


class Option(Authored):
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="options")
    title = models.CharField(max_length=200)
    benefits = models.TextField(max_length=4000, blank=True)
    harms_now = models.TextField(max_length=4000, blank=True)
    carry_on = models.BooleanField(default=False, help_text="The option of carrying on as now.")

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return self.title


class LaterHarm(Authored):
    """A possible harm to the person's life later, from one option: including the service's own decisions."""

    class Area(models.TextChoices):
        WORK = "work", N_("Work or study")
        MONEY = "money", N_("Money")
        HOUSING = "housing", N_("Housing")
        RELATIONSHIPS = "relationships", N_("Relationships")
        CARING = "caring", N_("Caring for someone")
        LIBERTY = "liberty", "Liberty"
        CONFIDENCE = "confidence", N_("Confidence and hope")
        OTHER = "other", N_("Something else")

    class Likelihood(models.TextChoices):
        UNLIKELY = "unlikely", N_("Unlikely")
        POSSIBLE = "possible", N_("Possible")
        LIKELY = "likely", N_("Likely")

    class Seriousness(models.TextChoices):
        MINOR = "minor", N_("Minor")
        MODERATE = "moderate", N_("Moderate")
        SERIOUS = "serious", N_("Serious")

    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="later_harms")
    area = models.CharField(max_length=20, choices=Area.choices)
    description = models.TextField(max_length=2000)
    likelihood = models.CharField(max_length=20, choices=Likelihood.choices)
    seriousness = models.CharField(max_length=20, choices=Seriousness.choices)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.description[:40]}"


class View(Authored):
    """Someone's view: which option they prefer and why. The latest from each author stands; earlier ones are kept."""

    class Voice(models.TextChoices):
        PERSON = "person", "The person"
        PRACTITIONER = "practitioner", "A practitioner"
        SUPPORTER = "supporter", "A supporter"
        ADVOCATE = "advocate", "An advocate"

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="views")
    voice = models.CharField(max_length=20, choices=Voice.choices)
    speaker = models.CharField(max_length=200, help_text="Whose view this is.")
    preferred = models.ForeignKey(Option, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reasons = models.TextField(max_length=4000)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"{self.speaker}'s view"


class CapacityAssessment(Authored):
    """A decision-specific assessment, recorded only when capacity for this decision is in doubt."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="capacity_assessments")
    understand = models.BooleanField()
    retain = models.BooleanField()
    weigh = models.BooleanField()
    communicate = models.BooleanField()
    has_capacity = models.BooleanField()
    fluctuating = models.BooleanField(default=False)
    review_on = models.DateField(null=True, blank=True)
    notes = models.TextField(max_length=4000)

    class Meta:
        ordering = ["written_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fluctuating=False) | models.Q(review_on__isnull=False),
                name="fluctuating_capacity_has_review",
            )
        ]

    def __str__(self) -> str:
        return f"Capacity assessment for {self.decision_id}"


class LegalCheck(Authored):
    """One framework considered (Box 1 of seed 004), with a note. The latest per framework stands."""

    class Framework(models.TextChoices):
        DUTY_OF_CARE = "duty-of-care", "Duty of care"
        HUMAN_RIGHTS = "human-rights", "Human rights"
        HEALTH_AND_SAFETY = "health-and-safety", "Health and safety"
        MENTAL_CAPACITY = "mental-capacity", "Mental capacity"
        FLUCTUATING_CAPACITY = "fluctuating-capacity", "Fluctuating capacity"
        SAFEGUARDING = "safeguarding", "Safeguarding"

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="legal_checks")
    framework = models.CharField(max_length=30, choices=Framework.choices)
    applies = models.BooleanField()
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return self.get_framework_display()


class Agreement(History):
    """What was decided. Agreed when the person and a practitioner have both signed, or made against the person's
    preference with the reason and their disagreement recorded. Either way it never changes after that."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="agreement")
    chosen = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="+")
    person_will = models.TextField(max_length=2000, blank=True)
    staff_will = models.TextField(max_length=2000, blank=True)
    others_will = models.TextField(max_length=2000, blank=True)
    look_again_if = models.TextField(max_length=2000)
    review_on = models.DateField()
    proposed_by_name = models.CharField(max_length=200)
    proposed_at = models.DateTimeField()
    person_signed_by = models.CharField(max_length=200, blank=True)
    person_signed_at = models.DateTimeField(null=True, blank=True)
    practitioner_signed_by = models.CharField(max_length=200, blank=True)
    practitioner_signed_at = models.DateTimeField(null=True, blank=True)
    against_preference_reason = models.TextField(max_length=4000, blank=True)
    final_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["final_at"], name="agreement_final")]  # decisions agreed by month

    def __str__(self) -> str:
        return f"Agreement on {self.decision_id}"

    def is_locked(self) -> bool:
        """It is written and signed in steps; once final it never changes."""
        return self.pk is not None and Agreement.objects.filter(pk=self.pk, final_at__isnull=False).exists()


class Outcome(Authored):
    """Afterwards: what happened and what was learned, from the person and from the care team."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="outcomes")
    voice = models.CharField(max_length=20, choices=View.Voice.choices)
    what_happened = models.TextField(max_length=4000)
    what_we_learned = models.TextField(max_length=4000, blank=True)

    class Meta:
        ordering = ["written_at"]

    def __str__(self) -> str:
        return f"Outcome for {self.decision_id}"

"""What oversight keeps of its own: improvement cycles (plan, do, study, act). No personal data: a cycle names a team
and measures, never a person."""

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_noop as N_

from safeplan.core.dates import add_months
from safeplan.people.models import Organisation, Team, User

NEXT_STEPS = [("adopt", "Adopt the change"), ("adapt", "Adapt it and try again"), ("abandon", "Abandon it")]


class ImprovementCycle(models.Model):
    """One plan-do-study-act cycle: the aim, the change tried, which measures should show it and what was predicted;
    the figures before and after are worked out from the same measures (oversight/cycles.py), never typed in."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="Empty: the whole place."
    )
    title = models.CharField(max_length=120)
    aim = models.TextField(max_length=1000)
    change = models.TextField(max_length=1000)
    measures = models.JSONField(default=list, help_text="The keys of the measures that should show the change.")
    prediction = models.TextField(max_length=1000)
    starts_on = models.DateField()
    ends_on = models.DateField()
    learned = models.TextField(max_length=4000, blank=True)
    next_step = models.CharField(max_length=20, blank=True, choices=NEXT_STEPS)
    follows = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_cycles",
        help_text="The cycle before.",
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_by_name = models.CharField(max_length=200)
    created_at = models.DateTimeField()
    revision = models.PositiveIntegerField(default=1, help_text="Goes up with every change, so a stale one is refused.")
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-starts_on", "-created_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="cycle_ends_after_start")]

    def __str__(self) -> str:
        return self.title

    @property
    def completed(self) -> bool:
        return bool(self.learned)


class Course(models.TextChoices):
    HARM_MINIMISATION = "harm_minimisation", "Harm minimisation for self-harm"
    POSITIVE_RISK = "positive_risk", "Positive risk taking and shared decisions"
    SAFETY_PLANNING = "safety_planning", "Safety planning with the person"


REFRESH_YEARS = 3  # a refresher is due this long after a course, unless the record says otherwise


class TrainingRecord(models.Model):
    """A member of staff completed a course on a day; a refresher is due some years later. A later course is a new
    row: the latest one of each course is the one that counts."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    course = models.CharField(max_length=30, choices=Course.choices)
    completed_on = models.DateField()
    refresh_years = models.PositiveSmallIntegerField(default=REFRESH_YEARS)
    with_lived_experience = models.BooleanField(
        default=False, help_text="Designed or delivered with people who use services."
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["user", "course", "-completed_on"]
        indexes = [models.Index(fields=["user", "course", "completed_on"], name="training_latest")]

    def __str__(self) -> str:
        return f"{self.get_course_display()} on {self.completed_on}"

    @property
    def refresh_on(self) -> date:
        return add_months(self.completed_on, 12 * self.refresh_years)


class PolicyStatement(models.Model):
    """The organisation's published statement on positive risk taking, or its harm-minimisation policy: where it is
    published, when it was approved and when it is reviewed. A new version is a new row."""

    class Kind(models.TextChoices):
        POSITIVE_RISK = "positive_risk", "Statement on positive risk taking"
        HARM_MINIMISATION = "harm_minimisation", "Harm-minimisation policy"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=2000, help_text="What it commits the service to, in plain words.")
    link = models.URLField(max_length=500, blank=True, help_text="Where it is published.")
    approved_on = models.DateField(help_text="When the board (or its delegate) approved it.")
    review_on = models.DateField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "-approved_on", "-recorded_at"]

    def __str__(self) -> str:
        return self.title


class PracticeStory(models.Model):
    """A de-identified story of positive risk taking or harm minimisation, written by the care team with the person
    and shared within the organisation to learn from, only while the person agrees. The person it came from is kept
    (so they can see it and withdraw it), never shown to readers; withdrawing takes it out of the library at once."""

    class Kind(models.TextChoices):
        # Stored labels, English: the person's page shows them through `words(...)`.
        POSITIVE_RISK = "positive_risk", N_("Positive risk taking")
        HARM_MINIMISATION = "harm_minimisation", N_("Harm minimisation")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=120)
    story = models.TextField(max_length=6000)
    learned = models.TextField(max_length=2000, help_text="What others can learn from it.")
    agreed_on = models.DateField(help_text="When the person agreed to it being shared.")
    written_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-written_at"]

    def __str__(self) -> str:
        return self.title


class MeasureCount(models.Model):
    """One measure's counts for one team (or, team 0, the whole organisation) and month, as last worked out by the
    nightly job (oversight/rollup.py): the measures page reads these instead of counting a year of records on every
    view. Figures only: no person, no record."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40)
    team_id = models.IntegerField(help_text="0 for the whole organisation.")
    month = models.DateField(help_text="The month's first day.")
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key", "team_id", "month"], name="one_count_per_cell")
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.team_id} {self.month:%Y-%m}: {self.numerator}/{self.denominator}"

"""What oversight keeps of its own: improvement cycles (plan, do, study, act). No personal data: a cycle names a team
and measures, never a person."""

from django.db import models
from django.db.models import F, Q

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

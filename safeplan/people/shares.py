"""What the person has shared with someone they chose: one row per part of one thing (a section of a plan, say).

A share is a grant of access, so it lives in the kernel beside care relationships: `resolve_access` reads it, and a
supporter's access is exactly the shares that are current at the moment of the request (no cache, so a revocation
holds from the next request in every process). People knows nothing of what the parts mean: the capability that owns
the thing (plans, for a plan's sections) filters what it shows by them. Revoking keeps the row (`revoked_at`), so
the sharing history stays whole.
"""

from datetime import date

from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from safeplan.people.models import SupportRelationship, User

WHOLE = ""  # a share of a whole thing, rather than one part of it

# What an independent advocate may do on the person's behalf: shares of the person's own record (object type
# ADVOCACY, the person's id), so they are recorded, dated and revocable exactly like sharing a section. Reading and
# helping to write are the sections the person shares with them and lets them add to.
ADVOCACY = "advocacy"
ADVOCACY_SCOPES = {"raise_concerns": N_("Raise concerns or complaints on your behalf")}


class ShareQuerySet(models.QuerySet["Share"]):
    def current(self, today: date | None = None) -> "ShareQuerySet":
        today = today or timezone.localdate()
        return self.filter(revoked_at__isnull=True).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))


class Share(models.Model):
    support = models.ForeignKey(SupportRelationship, on_delete=models.PROTECT, related_name="shares")
    object_type = models.CharField(max_length=40, help_text="What kind of thing: for example, plan.")
    object_id = models.CharField(max_length=64)
    part = models.CharField(max_length=60, blank=True, help_text="Which part (a plan's section), or empty for all.")
    may_add = models.BooleanField(
        default=False, help_text="They may also add their own words here (in their own voice, never changing others')."
    )
    ends_on = models.DateField(null=True, blank=True, help_text="The last day it is shared, if the person chose one.")
    shared_at = models.DateTimeField()
    shared_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["shared_at", "pk"]
        indexes = [models.Index(fields=["support", "object_type", "object_id"], name="share_lookup")]
        constraints = [
            models.UniqueConstraint(
                fields=["support", "object_type", "object_id", "part"],
                condition=Q(revoked_at__isnull=True),
                name="one_current_share_per_part",
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} {self.part or '(all)'} shared with {self.support_id}"


def current_shares(support: SupportRelationship) -> QuerySet[Share]:
    return Share.objects.current().filter(support=support)

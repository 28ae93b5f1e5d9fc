"""The audit trail: one append-only, hash-chained row for every read, write, export, denial and break-glass.

Rows are never updated or deleted: Python refuses here, and on PostgreSQL a trigger refuses at the database
(migration 0002). Each row's hash covers its content and the previous row's hash, so editing, deleting or
reordering any row breaks the chain, which `safeplan verify_audit` reports. Because the chain hash has no key,
`safeplan checkpoint_audit` also writes keyed checkpoints of the chain head (`AuditCheckpoint`, audit/checkpoints.py),
so a chain rewritten with recomputed hashes, or cut short, no longer matches them. See docs/adr/0002-audit-trail.md.
"""

import hashlib
import json
from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_noop as N_


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events are append-only: they cannot be updated.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit events are append-only: they cannot be deleted.")


GENESIS_HASH = "0" * 64


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        READ = "read", "read"
        LIST = "list", "listed"
        CREATE = "create", "created"
        UPDATE = "update", "updated"
        EXPORT = "export", "exported"
        DENIED = "denied", "was refused access to"
        BREAK_GLASS_START = "break_glass_start", "started emergency access to"
        BREAK_GLASS_END = "break_glass_end", "ended emergency access to"
        REVIEW = "review", "reviewed"
        SIGN = "sign", "signed"
        AGREE = "agree", "agreed"

    class Purpose(models.TextChoices):
        # The labels are shown to the person in their access log, in their language (people/access_log.py).
        CARE = "care", N_("Providing care")
        BREAK_GLASS = "break_glass", N_("Emergency access")
        SELF = "self", N_("The person themselves")
        ADMINISTRATION = "administration", N_("Administration")
        SHARED = "shared", N_("Shared with them by the person")
        GOVERNANCE = "governance", N_("Reviewing emergency access")
        NONE = "none", N_("No access")

    seq = models.BigIntegerField(unique=True, help_text="Position in the hash chain, from 1.")
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=200, blank=True)
    actor_role = models.CharField(max_length=40, blank=True)
    person_id = models.UUIDField(null=True, blank=True)
    action = models.CharField(max_length=40, choices=Action.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64, blank=True)
    object_version = models.CharField(max_length=40, blank=True)
    purpose = models.CharField(max_length=40, choices=Purpose.choices)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["person_id", "seq"], name="audit_person_seq")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or not kwargs.get("force_insert"):
            raise AppendOnlyError("Audit events are append-only: write them with audit.services.record().")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events are append-only: they cannot be deleted.")

    def canonical(self) -> str:
        before, after = self.canonical_around_link()
        return f"{before}{self.prev_hash}{after}{self.seq}}}"

    def canonical_around_link(self) -> tuple[str, str]:
        """The canonical JSON of this row (keys sorted, no spaces) in the three pieces around the two values the
        chain gives it: `before + prev_hash + after + seq + "}"`. The database's append function
        (`safeplan_audit_append`, migration 0007) joins them under the chain head's lock, so the hash it writes is
        the one `compute_hash` checks, without the row's content being formatted twice."""
        fields = {
            "at": self.at.isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "actor_role": self.actor_role,
            "person_id": str(self.person_id) if self.person_id else None,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_version": self.object_version,
            "purpose": self.purpose,
            "reason": self.reason,
            "request_id": self.request_id,
            "prev_hash": _LINK,
            "seq": 0,
        }
        text = json.dumps(fields, sort_keys=True, separators=(",", ":"))
        # "seq" sorts last and "prev_hash" is a key once: a quote inside a value is always escaped, so the
        # unescaped `"prev_hash":"` can only be the key itself.
        body, tail = text[: -len(_SEQ_TAIL)], text[-len(_SEQ_TAIL) :]
        assert tail == _SEQ_TAIL, "seq must sort last in the canonical form"
        before, link, after = body.partition(f'"prev_hash":"{_LINK}"')
        assert link, "prev_hash must be in the canonical form"
        return f'{before}"prev_hash":"', f'"{after},"seq":'

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical().encode()).hexdigest()


_LINK = "link"
_SEQ_TAIL = ',"seq":0}'


class ChainHead(models.Model):
    """A single row naming the last link of the chain. Locking it serialises appends; it also lets
    verification notice rows cut from the end of the chain."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    def __str__(self) -> str:
        return f"chain head at #{self.last_seq}"


class CheckpointQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit checkpoints are append-only: they cannot be updated.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit checkpoints are append-only: they cannot be deleted.")


class AuditCheckpoint(models.Model):
    """The chain head at a moment, signed with an HMAC whose key (SAFEPLAN_AUDIT_KEY) is never in the database.

    Append-only like the trail itself: Python refuses changes here, and the database refuses them (migration 0005).
    Write them with `audit.checkpoints.write_checkpoint()`; they are also exported to storage outside the database.
    """

    seq = models.BigIntegerField(help_text="The chain head's last row when the checkpoint was taken (0: empty).")
    last_hash = models.CharField(max_length=64)
    at = models.DateTimeField()
    mac = models.CharField(max_length=64, help_text="HMAC-SHA256 of seq, hash and time, hex.")

    objects = CheckpointQuerySet.as_manager()

    class Meta:
        ordering = ["seq", "id"]
        indexes = [models.Index(fields=["seq"], name="audit_checkpoint_seq")]

    def __str__(self) -> str:
        return f"checkpoint at #{self.seq}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or not kwargs.get("force_insert"):
            raise AppendOnlyError("Audit checkpoints are append-only: write them with audit.checkpoints.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit checkpoints are append-only: they cannot be deleted.")

"""The one way a view opens a person's record: scoped, audited in the same transaction, 404 otherwise."""

from functools import wraps

from django.db import transaction
from django.http import Http404

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.people.access import RecordAccess, resolve_access, role_label


def reading(request, object_id: object, version: object = "") -> None:
    """Name the object a record view shows (a plan, a version), for the audit row of the read."""
    request.audit_object = (object_id, version)


def audit_record_read(request, access: RecordAccess, object_type: str = "person") -> None:
    object_id, version = getattr(request, "audit_object", (access.person.pk, ""))
    audit.record(
        actor=audit.actor_for(request, access.role),
        action=AuditEvent.Action.READ,
        object_type=object_type,
        object_id=object_id,
        object_version=version,
        person_id=access.person.pk,
        purpose=access.purpose,
        reason=access.reason,
    )


def record_denied(request, person_id: object, object_type: str = "person") -> None:
    audit.record_now(
        actor=audit.actor_for(request, role_label(request.user)),
        action=AuditEvent.Action.DENIED,
        object_type=object_type,
        object_id=str(person_id)[:64],
        purpose=AuditEvent.Purpose.NONE,
    )


def person_record_view(object_type: str = "person"):
    """Wrap a view of one person's record.

    The view receives a RecordAccess in place of the person id. Its whole response is built inside one transaction
    that ends with the audit row of the read; anyone without access gets a 404 (identical to a missing record) and
    the refusal is audited. A view that raises Http404 (an object not in this person's record) is audited the same.
    """

    def decorate(view):
        @wraps(view)
        def wrapped(request, person_id, *args, **kwargs):
            try:
                with transaction.atomic():
                    access = resolve_access(request.user, person_id)
                    if access is not None:
                        response = view(request, access, *args, **kwargs)
                        audited = getattr(request, "audit_recorded", False)
                        if request.method in ("GET", "HEAD") and response.status_code == 200 and not audited:
                            audit_record_read(request, access, object_type)
                        return response
            except Http404:
                record_denied(request, person_id, object_type)
                raise
            record_denied(request, person_id, object_type)
            raise Http404("No record found.")

        return wrapped

    return decorate

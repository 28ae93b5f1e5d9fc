"""The one way a view opens a person's record: scoped, audited in the same transaction, 404 otherwise.

A record view receives the reader's `RecordAccess` and returns either a redirect (it showed nothing; a change it
made is audited by the service that made it) or `Shown`: the response and what it showed. The wrapper writes the
audit row of a `Shown`, exactly once, whatever the method or status (a form re-shown with errors shows the record
too). A view cannot forget the row, because returning anything else is a programming error, and it cannot write it
twice, because only the wrapper writes it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Concatenate, Literal, ParamSpec

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseNotAllowed
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import render

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.people.access import RecordAccess, resolve_access, role_label
from safeplan.people.records import Writer, writer_for

P = ParamSpec("P")

# The methods a record view accepts; any other gets 405 before the record is looked up. A POST always changes
# something, so emergency access (which reads but never writes) gets the outsiders' 404 for every POST.
READ = ("GET", "HEAD")
FORM = ("GET", "HEAD", "POST")
ACTION = ("POST",)


@dataclass(frozen=True)
class Shown:
    """A response that carries record content, and what it showed, for the audit row of the read."""

    response: HttpResponseBase
    object_id: object = None  # the record itself when None
    version: object = ""
    object_type: str = ""  # the view's own type when empty
    action: str = AuditEvent.Action.READ  # EXPORT for a download


RecordView = Callable[Concatenate[HttpRequest, RecordAccess, P], "Shown | HttpResponseBase"]


def show(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    object_id: object = None,
    version: object = "",
    object_type: str = "",
) -> Shown:
    """Render a page of the record and say what it showed."""
    response = render(request, template, context, status=status)
    return Shown(response, object_id, version, object_type)


def own_record_id(request: HttpRequest) -> str:
    """The signed-in person's own record id, for their "your …" pages; 404 for anyone without a record."""
    person = getattr(request.user, "person_record", None)
    if person is None:
        raise Http404("No record.")
    return str(person.pk)


def writer_or_404(request: HttpRequest, access: RecordAccess, *, adding: bool = False) -> Writer:
    """The person themselves or their care team; emergency access reads but never writes (404, as for outsiders).
    With `adding`, also a supporter the person asked to add their view to something (the service checks where)."""
    if not (access.may_write or (adding and access.may_add_anything)):
        raise Http404("Emergency access is for reading only.")
    return writer_for(request, access)


def _audit_shown(request: HttpRequest, access: RecordAccess, shown: Shown, object_type: str) -> None:
    audit.record(
        actor=audit.actor_for(request, access.role),
        action=shown.action,
        object_type=shown.object_type or object_type,
        object_id=access.person.pk if shown.object_id is None else shown.object_id,
        object_version=shown.version,
        person_id=access.person.pk,
        purpose=access.purpose,
        reason=access.reason,
    )


def record_denied(request: HttpRequest, person_id: object, object_type: str = "person") -> None:
    audit.record_now(
        actor=audit.actor_for(request, role_label(request.user)),  # type: ignore[arg-type]
        action=AuditEvent.Action.DENIED,
        object_type=object_type,
        object_id=str(person_id)[:64],
        purpose=AuditEvent.Purpose.NONE,
    )


Supporters = bool | Literal["add", "post"]


def _may_post(access: RecordAccess, supporters: Supporters) -> bool:
    """Whether this reader's POST reaches the view. A supporter's only where the view says so: "add" for one the
    person asked to add their words somewhere, "post" for any (the view's service decides what they may do)."""
    if access.may_write:
        return True
    return (supporters == "add" and access.may_add_anything) or (supporters == "post" and access.is_supporter)


def person_record_view(
    object_type: str = "person",
    *,
    methods: tuple[str, ...] = READ,
    supporters: Supporters = False,
    care_team: bool = False,
) -> Callable[[RecordView[P]], Callable[Concatenate[HttpRequest, str, P], HttpResponseBase]]:
    """Wrap a view of one person's record.

    A method the view does not accept gets 405 before anything is looked up (the same for every id, so it says
    nothing about whether a record exists). Otherwise the view receives a RecordAccess in place of the person id.
    Its whole response is built inside one transaction that ends with the audit row of what it showed; anyone
    without access gets a 404 (identical to a missing record) and the refusal is audited. A view that raises Http404
    (an object not in this person's record), and a POST by a reader who may not write, are audited the same.

    Someone the person chose reaches only views that say `supporters=True`, and those views show only what was
    shared with them (`access.parts_shared`); every other record view is a 404 for them, as for anyone else. Only
    views that say `supporters="add"` accept a supporter's POST, and only from one the person asked to add their view
    somewhere (the service then checks the exact part: `Writer.check_adding`); `supporters="post"` lets any of them
    post, for a service that decides itself (raising a concern).

    A view that lists the caring teams' members says `care_team=True`: they are read with the access.
    """

    def decorate(view: RecordView[P]) -> Callable[Concatenate[HttpRequest, str, P], HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, person_id: str, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            try:
                with transaction.atomic():
                    access = resolve_access(request.user, person_id, with_members=care_team)  # type: ignore[arg-type]
                    if access is not None and request.method == "POST" and not _may_post(access, supporters):
                        raise Http404("Emergency access is for reading only.")
                    if access is not None and access.is_supporter and not supporters:
                        raise Http404("Not shared.")
                    if access is not None:
                        result = view(request, access, *args, **kwargs)
                        if isinstance(result, Shown):
                            _audit_shown(request, access, result, object_type)
                            return result.response
                        if isinstance(result, HttpResponseRedirectBase):
                            return result  # nothing of the record is in a redirect
                        raise TypeError(f"{view.__name__} must return Shown(...) or a redirect, not {result!r}")
            except Http404:
                record_denied(request, person_id, object_type)
                raise
            record_denied(request, person_id, object_type)
            raise Http404("No record found.")

        return wrapped

    return decorate

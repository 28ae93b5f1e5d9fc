"""The safety summary's pages: the summary (and its print page), what I want people to know about me, a goal, and an
appointment attended."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract

from safeplan.audit.models import AuditEvent
from safeplan.core.forms import NHSForm, posted
from safeplan.core.pdf import render_pdf
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import ref, shareables
from safeplan.people.records import writer_for
from safeplan.people.views.record_access import FORM, Shown, own_record_id, person_record_view, show, writer_or_404
from safeplan.summary import services
from safeplan.summary.forms import AboutMeForm, AttendanceForm, GoalForm
from safeplan.summary.models import Goal, GoalRevision
from safeplan.summary.queries import SHARED_AS, summary_for


def your_summary(request: HttpRequest) -> HttpResponse:
    return redirect("summary", person_id=own_record_id(request))


def _readable(access: RecordAccess) -> None:
    """A supporter reads the summary only if the person shared it with them."""
    if access.is_supporter and not access.parts_shared(SHARED_AS, access.person.pk):
        raise Http404("Not shared.")


def _context(request: HttpRequest, access: RecordAccess, **forms: Any) -> dict[str, Any]:
    may_write = access.may_write and not access.is_supporter
    return {
        "person": access.person,
        "summary": summary_for(access, timezone.localdate()),
        "is_person": access.is_person,
        "may_write": may_write,
        "about_form": forms.get("about_form") or AboutMeForm(),
        "attendance_form": forms.get("attendance_form") or AttendanceForm(),
    }


@person_record_view("safety_summary", methods=FORM, supporters=True)
def summary_page(request: HttpRequest, access: RecordAccess) -> Shown | HttpResponseBase:
    """The summary; the person says here what they want people to know, and either records an appointment."""
    _readable(access)
    if request.method != "POST":
        return _page(request, access)
    writer = writer_or_404(request, access)
    name: str
    form: NHSForm
    save: Callable[[dict[str, Any]], object]
    saved: str
    if request.POST.get("form") == "about":
        name, form, save, saved = (
            "about_form",
            AboutMeForm(request.POST),
            lambda data: services.say_about_me(writer, data["words"]),
            "Saved. It is the first thing people read on your summary.",
        )
    else:
        name, form, save, saved = (
            "attendance_form",
            AttendanceForm(request.POST),
            lambda data: services.record_attendance(writer, **data),
            "Saved. The summary counts appointments attended.",
        )
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except services.SummaryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, saved)
            return redirect("summary", person_id=access.person.pk)
    return _page(request, access, **{name: form})


def _page(request: HttpRequest, access: RecordAccess, **forms: Any) -> Shown:
    context = _context(request, access, **forms)
    failed = [form for form in forms.values() if form.errors]
    context["error_summary"] = failed[0].error_summary_items() if failed else []
    return show(request, "summary/summary.jinja", context, status=422 if failed else 200)


@person_record_view("safety_summary", supporters=True)
def summary_print(request: HttpRequest, access: RecordAccess) -> Shown:
    _readable(access)
    context = {**_context(request, access), "now": timezone.now(), "may_write": False}
    return show(request, "summary/print.jinja", context, version="print")


@person_record_view("safety_summary", supporters=True)
def summary_pdf(request: HttpRequest, access: RecordAccess) -> Shown:
    """The summary as a PDF to keep or print (audited as a download, like a plan's)."""
    _readable(access)
    context = {**_context(request, access), "now": timezone.now(), "may_write": False, "pdf": True}
    response = HttpResponse(render_pdf("summary/pdf.jinja", context), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="safety-summary.pdf"'
    return Shown(response, version="pdf", action=AuditEvent.Action.EXPORT)


def _serves_choices(access: RecordAccess) -> list[tuple[str, str]]:
    return [
        (ref(item.object_type, item.object_id), translated(item.title))
        for item in shareables(access.person)
        if item.object_type != SHARED_AS
    ]


@person_record_view("goal", methods=FORM)
def goal_form(request: HttpRequest, access: RecordAccess, goal_id: UUID | None = None) -> Shown | HttpResponseBase:
    """A new goal, or a change to one (from the revision the writer saw: a stale change is refused, nothing lost)."""
    writer = writer_for(request, access)
    if not access.may_write or access.is_supporter:
        raise Http404("Not for this reader.")
    goal = Goal.objects.filter(pk=goal_id, person=access.person).first() if goal_id else None
    if goal_id and goal is None:
        raise Http404("No such goal.")
    current = GoalRevision.objects.filter(goal=goal, number=goal.revision).first() if goal else None
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {
            "words": current.words,
            "steps": current.steps,
            "who_helps": current.who_helps,
            "serves": current.serves,
            "ended": current.ended,
            "based_on": current.number,
        }
    form = GoalForm(posted(request), initial=initial, serves=_serves_choices(access), changing=goal is not None)
    stale = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields: dict[str, Any] = {
            "steps": data["steps"],
            "who_helps": data["who_helps"],
            "serves": data.get("serves") or [],
        }
        try:
            if goal is None:
                services.add_goal(writer, words=data["words"], **fields)
            else:
                services.change_goal(
                    writer, goal, based_on=data["based_on"] or 0, words=data["words"], ended=data["ended"], **fields
                )
        except services.SummaryError as error:
            form.add_error(None, str(error))
            if goal is not None and str(error) == services.STALE:
                form, stale = _fresh(form, goal, access), True
        else:
            messages.success(request, _("Saved. Your goals are on your summary.") if access.is_person else "Saved.")
            return redirect("summary", person_id=access.person.pk)
    attempt = request.POST.get("words", "") if stale else ""  # their own words, shown beside the goal as it stands
    context = {"person": access.person, "form": form, "goal": goal, "is_person": access.is_person, "attempt": attempt}
    status = 409 if stale else 422 if form.errors else 200
    version = goal.revision if goal is not None else ""
    return show(
        request, "summary/goal.jinja", context, status=status, object_id=goal.pk if goal else None, version=version
    )


def _fresh(stale: GoalForm, goal: Goal, access: RecordAccess) -> GoalForm:
    """The goal as it stands now, with the refusal kept, to make the change again knowingly."""
    goal.refresh_from_db()
    now = GoalRevision.objects.get(goal=goal, number=goal.revision)
    data: dict[str, Any] = {
        "words": now.words,
        "steps": now.steps,
        "who_helps": now.who_helps,
        "serves": now.serves,
        "based_on": now.number,
        **({"ended": "on"} if now.ended else {}),
    }
    fresh = GoalForm(data, serves=_serves_choices(access), changing=True)
    fresh.is_valid()
    for error in stale.non_field_errors():
        fresh.add_error(None, error)
    return fresh

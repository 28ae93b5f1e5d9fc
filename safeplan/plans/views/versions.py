"""Versions: put the plan forward, sign a version, compare any two, print and download the agreed one."""

from typing import Any, cast
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safeplan.audit.models import AuditEvent
from safeplan.core.forms import NHSForm, posted
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import item_actions
from safeplan.people.views.record_access import ACTION, FORM, Shown, person_record_view, show
from safeplan.plans import services
from safeplan.plans.forms import SignForm
from safeplan.plans.historical import fold, historical
from safeplan.plans.models import Plan, PlanVersion, Signature
from safeplan.plans.pdf import render_plan_pdf
from safeplan.plans.presenters import entry_view, plan_status
from safeplan.plans.queries import only_shared, plan_in_record, shared_sections, version_of
from safeplan.plans.snapshots import (
    build_snapshot,
    compare,
    entry_ids,
    hidden_from_staff,
    who_removed,
    without_hidden,
)
from safeplan.plans.withheld import (
    as_seen_by,
    document_note,
    includes_withheld,
    signature_notes,
    signing_note,
    withheld_entries,
    without_withheld,
)


@person_record_view("plan_version", methods=ACTION)
def put_forward(request: HttpRequest, access: RecordAccess, plan_id: UUID) -> HttpResponseBase:
    plan = plan_in_record(access, plan_id)
    writer = services.writer_for(request, access)
    try:
        version = services.put_forward(writer, plan)
    except services.PlanError as error:
        messages.error(request, str(error))
        return redirect("plan", person_id=access.person.pk, plan_id=plan.pk)
    messages.success(request, _("Version %(number)s is ready to sign.") % {"number": version.number})
    return redirect("plan_version", person_id=access.person.pk, plan_id=plan.pk, number=version.number)


def _signature_roles(version: PlanVersion) -> dict[str, Signature]:
    return {s.role: s for s in version.signatures.all()}


@person_record_view("plan_version", methods=FORM, supporters=True)
def version_page(request: HttpRequest, access: RecordAccess, plan_id: UUID, number: int) -> Shown | HttpResponseBase:
    plan = plan_in_record(access, plan_id)
    version = version_of(plan, number)
    writer = services.writer_for(request, access)
    form = SignForm(posted(request), initial={"content_hash": version.content_hash})
    if request.method == "POST":
        if form.is_valid():
            try:
                services.sign_version(writer, version, content_hash_seen=form.cleaned_data["content_hash"])
            except services.PlanError as error:
                form.add_error(None, str(error))
            else:
                version.refresh_from_db()
                if version.agreed_at is not None:
                    messages.success(request, _("Version %(number)s is agreed.") % {"number": version.number})
                else:
                    messages.success(request, _("You signed version %(number)s.") % {"number": version.number})
                return redirect("plan_version", person_id=access.person.pk, plan_id=plan.pk, number=version.number)
        else:
            form.add_error(None, _("That request was not complete. Nothing was signed."))
    signed = _signature_roles(version)
    my_role = Signature.Role.PERSON if writer.is_person else Signature.Role.PRACTITIONER
    status = plan_status(plan)
    withheld = withheld_entries(plan)
    context = {
        "person": access.person,
        "plan": plan,
        "version": version,
        "snapshot": fold(as_seen_by(access, _shown(access, plan, version), withheld), historical(plan)),
        "signing_note": signing_note(access, version.snapshot, withheld),
        "signature_notes": signature_notes(access, plan, [version]),
        "ui": entry_view(access, live=False),
        "actions": item_actions(access),
        "signed": signed,
        "can_sign": access.may_write
        and version.agreed_at is None
        and my_role not in signed
        and plan.revision == version.plan_revision,
        "out_of_date": version.agreed_at is None and plan.revision != version.plan_revision,
        "is_agreed_current": status.agreed is not None and status.agreed.pk == version.pk,
        "form": form,
        "is_person": writer.is_person,
    }
    status_code = 422 if form.errors else 200
    return show(
        request, "plans/version.jinja", context, status=status_code, object_id=version.pk, version=version.number
    )


@person_record_view("plan_version")
def versions_page(request: HttpRequest, access: RecordAccess, plan_id: UUID) -> Shown:
    plan = plan_in_record(access, plan_id)
    versions = list(PlanVersion.objects.filter(plan=plan).defer("snapshot").prefetch_related("signatures"))
    context = {
        "person": access.person,
        "plan": plan,
        "versions": list(reversed(versions)),
        "status": plan_status(plan, versions),
        "can_write": access.may_write,
        "signature_notes": signature_notes(access, plan, versions),
    }
    return show(request, "plans/versions.jinja", context, object_id=plan.pk, version="versions")


class CompareForm(NHSForm):
    older = forms.ChoiceField(label=gettext_lazy("From"))
    newer = forms.ChoiceField(label=gettext_lazy("To"))

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(n), _("Version %(number)s") % {"number": n}) for n in numbers]
        choices += [("draft", _("The plan as it stands now"))]
        for name in ("older", "newer"):
            cast(forms.ChoiceField, self.fields[name]).choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("older") and data.get("older") == data.get("newer"):
            raise forms.ValidationError(_("Choose two different versions to compare."))
        return data


def _shown(access: RecordAccess, plan: Plan, version: PlanVersion) -> dict:
    """A version as this reader may see it: only the shared sections for a supporter, and without supporters' words
    the person hid from staff after it was taken (ADR 0008)."""
    snapshot = only_shared(version.snapshot, shared_sections(access, plan))
    return without_hidden(snapshot, access, hidden_from_staff(plan))


@person_record_view("plan_comparison")
def compare_page(request: HttpRequest, access: RecordAccess, plan_id: UUID) -> Shown:
    plan = plan_in_record(access, plan_id)
    versions = {v.number: v for v in PlanVersion.objects.filter(plan=plan)}
    numbers = sorted(versions)
    data = request.GET if "older" in request.GET else {"older": str(numbers[-1]) if numbers else "", "newer": "draft"}
    form = CompareForm(data if numbers else None, numbers=numbers)
    changes = None
    withheld = withheld_entries(plan) if access.is_person else {}  # the person compares what they can see
    hidden = hidden_from_staff(plan)  # supporters' words the person hid from staff (ADR 0008)
    left_out = False
    if form.is_bound and form.is_valid():
        pick = {}
        for side in ("older", "newer"):
            value = form.cleaned_data[side]
            chosen = build_snapshot(plan, access) if value == "draft" else versions[int(value)].snapshot
            pick[side] = without_hidden(chosen, access, hidden)
            left_out = left_out or includes_withheld(pick[side], withheld)
            pick[side] = without_withheld(pick[side], withheld)
        removed = entry_ids(pick["older"]) - entry_ids(pick["newer"])
        changes = compare(pick["older"], pick["newer"], who_removed(sorted(removed)))
    context = {
        "person": access.person,
        "plan": plan,
        "form": form,
        "changes": changes,
        "has_versions": bool(numbers),
        "left_out": left_out,
    }
    compared = f"{data.get('older')}..{data.get('newer')}"
    status = 422 if form.errors else 200
    return show(request, "plans/compare.jinja", context, status=status, object_id=plan.pk, version=compared)


def _agreed_context(access: RecordAccess, plan: Plan, number: int) -> dict[str, Any]:
    version = version_of(plan, number)
    if version.agreed_at is None:
        raise Http404("Only an agreed version prints.")
    withheld = withheld_entries(plan)
    return {
        "person": access.person,
        "plan": plan,
        "version": version,
        "snapshot": fold(as_seen_by(access, _shown(access, plan, version), withheld), historical(plan)),
        "ui": entry_view(access, live=False),
        "signatures": list(version.signatures.all()),
        "signature_notes": signature_notes(access, plan, [version]),
        "withheld_note": document_note(access, version.snapshot, withheld),
    }


@person_record_view("plan_version", supporters=True)
def print_page(request: HttpRequest, access: RecordAccess, plan_id: UUID, number: int) -> Shown:
    context = _agreed_context(access, plan_in_record(access, plan_id), number)
    return show(request, "plans/print.jinja", context, object_id=context["version"].pk, version=f"{number} print")


@person_record_view("plan_version", supporters=True)
def pdf_download(request: HttpRequest, access: RecordAccess, plan_id: UUID, number: int) -> Shown:
    plan = plan_in_record(access, plan_id)
    context = _agreed_context(access, plan, number)
    response = HttpResponse(render_plan_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="safety-plan-version-{number}.pdf"'
    return Shown(response, object_id=context["version"].pk, version=number, action=AuditEvent.Action.EXPORT)

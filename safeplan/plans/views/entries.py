"""Writing in a plan: add an entry, change one (refusing stale edits with a 409 page), add a differing view."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from safeplan.core.forms import posted
from safeplan.people.access import RecordAccess
from safeplan.people.records import Writer
from safeplan.people.views.record_access import ACTION, FORM, Shown, person_record_view, show, writer_or_404
from safeplan.people.wording import guide_data, offer_hints
from safeplan.plans import services
from safeplan.plans.forms import ChangeEntryForm, EntryForm, NewEntryForm, RemoveEntryForm
from safeplan.plans.models import SUPPORTER_KINDS, Entry, EntryRevision, Mode, Plan, Voice
from safeplan.plans.plan_templates import item_definition
from safeplan.plans.presenters import byline, field_rows
from safeplan.plans.queries import SHARED_AS, plan_in_record, shared_sections
from safeplan.plans.snapshots import voice_label
from safeplan.plans.withheld import hidden_by_withholding


def _entry_in(access: RecordAccess, plan: Plan, entry_id: int) -> Entry:
    """An entry of this plan the reader may see: for a supporter, one in a section shared with them; a supporter's
    entry the person hid from staff only for the person and that supporter."""
    entry = Entry.objects.filter(pk=entry_id, plan=plan).select_related("supporter__user").first()
    if entry is None:
        raise Http404("No such entry.")
    sections = shared_sections(access, plan)
    if sections is not None and entry.section_key not in sections:
        raise Http404("Not shared.")
    if entry.hidden_from_staff_at is not None and not access.is_person:
        if not (access.is_supporter and access.support is not None and entry.supporter_id == access.support.pk):
            raise Http404("Hidden by the person.")
    if hidden_by_withholding(access, entry):
        raise Http404("Withheld from the person.")  # not even its address answers differently (ADR 0010)
    return entry


def _adding_here(access: RecordAccess, plan: Plan, section_key: str) -> None:
    """A supporter reaches a form to add their words only where the person asked them to; 404 elsewhere."""
    if access.is_supporter and not access.may_add_to(SHARED_AS, plan.pk, section_key):
        raise Http404("Not shared for adding.")


def _back(access: RecordAccess, plan: Plan, anchor: str = "") -> HttpResponseRedirect:
    response = redirect("plan", person_id=access.person.pk, plan_id=plan.pk)
    response["Location"] += f"#{anchor}" if anchor else ""
    return response


def _render_form(
    request: HttpRequest,
    access: RecordAccess,
    plan: Plan,
    form: EntryForm,
    *,
    heading: str,
    prompt: str,
    hint: str = "",
    if_yes: str = "",
    entry: Entry | None = None,
    status: int = 200,
    **extra: Any,
) -> Shown:
    context = {
        "person": access.person,
        "plan": plan,
        "form": form,
        "heading": heading,
        "prompt": prompt,
        "hint": hint,
        "if_yes": if_yes,
        "entry": entry,
        "language_guide": guide_data(access.person.organisation) if access.is_care_team else [],
        **extra,
    }
    return show(request, "plans/entry_form.jinja", context, status=status, object_id=plan.pk)


def _save_new(
    request: HttpRequest,
    access: RecordAccess,
    plan: Plan,
    writer: Writer,
    form: NewEntryForm,
    done: str,
    section_key: str,
    item_key: str,
    responds_to: Entry | None = None,
) -> HttpResponseRedirect | None:
    """Add the entry the form describes; a redirect to it, or None with the refusal on the form."""
    voice, mode, supporter = form.voice_parts()
    try:
        entry = services.add_entry(
            writer,
            plan,
            section_key=section_key,
            item_key=item_key,
            fields=form.entry_fields,
            voice=voice,
            mode=mode,
            supporter=supporter,
            responds_to=responds_to,
        )
    except services.PlanError as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, done)
    _language_hints(request, access, voice, form.entry_fields)
    return _back(access, plan, f"entry-{entry.pk}")


def _language_hints(
    request: HttpRequest, access: RecordAccess, voice: str, fields: dict[str, str], before: dict[str, str] | None = None
) -> None:
    """After the care team saves words in its own voice, a gentle hint for any phrase in the language guide that was
    not there before (never blocking). The person's words, even written down by staff, are theirs: no hints."""
    if not access.is_care_team or voice != Voice.CARE_TEAM:
        return
    texts = [value for value in fields.values() if isinstance(value, str)]
    earlier = [value for value in (before or {}).values() if isinstance(value, str)]
    offer_hints(request, access.person.organisation, texts, already=earlier)


@person_record_view("safety_plan", methods=FORM, supporters="add")
def add_entry(
    request: HttpRequest, access: RecordAccess, plan_id: UUID, section_key: str, item_key: str
) -> Shown | HttpResponseBase:
    plan = plan_in_record(access, plan_id)
    writer = writer_or_404(request, access, adding=True)
    _adding_here(access, plan, section_key)
    found = item_definition(plan.template.definition, section_key, item_key)
    if found is None:
        raise Http404("No such question.")
    section, item = found
    if access.is_supporter and item["kind"] not in SUPPORTER_KINDS:
        raise Http404("Only the person answers this.")
    form = NewEntryForm(
        posted(request),
        kind=item["kind"],
        writer_is_person=writer.is_person,
        person=access.person,
        writer_support=access.support if writer.is_supporter else None,
        initial={"voice": "person:own" if writer.is_person else None},
    )
    if request.method == "POST" and form.is_valid():
        saved = _save_new(request, access, plan, writer, form, _("Added to the plan."), section_key, item_key)
        if saved is not None:
            return saved
    return _render_form(
        request,
        access,
        plan,
        form,
        heading=section["title"],
        prompt=item["prompt"],
        hint=item.get("hint", ""),
        if_yes=item.get("if_yes", ""),
        status=422 if form.errors else 200,
        action="add",
    )


@person_record_view("safety_plan", methods=FORM, supporters="add")
def answer_entry(request: HttpRequest, access: RecordAccess, plan_id: UUID, entry_id: int) -> Shown | HttpResponseBase:
    """Add a differing view beside an entry written by someone else. Neither can overwrite the other."""
    plan = plan_in_record(access, plan_id)
    writer = writer_or_404(request, access, adding=True)
    original = _entry_in(access, plan, entry_id)
    _adding_here(access, plan, original.section_key)
    if original.responds_to_id is not None:
        raise Http404("A differing view answers an entry, not another view.")
    current = services.latest_revision(original)
    kind = services.entry_kind(plan, original)
    form = NewEntryForm(
        posted(request),
        kind="view",
        writer_is_person=writer.is_person,
        person=access.person,
        writer_support=access.support if writer.is_supporter else None,
        initial={"voice": "person:own" if writer.is_person else "care_team:own"},
    )
    if request.method == "POST" and form.is_valid():
        done = _("Your view is beside the original. Neither replaces the other.")
        saved = _save_new(request, access, plan, writer, form, done, "", "", responds_to=original)
        if saved is not None:
            return saved
    shown = {
        "voice_label": _("Care team")
        if original.voice == Voice.CARE_TEAM
        else voice_label(original, access.person.name_to_use),
        "rows": field_rows(kind, current.fields),
    }
    return _render_form(
        request,
        access,
        plan,
        form,
        heading=N_("Add a different view"),
        prompt=N_("Your view"),
        hint=N_("It will be shown beside the original, with your name. Neither replaces the other."),
        original=shown,
        status=422 if form.errors else 200,
        action="answer",
    )


def _change_form(
    request: HttpRequest,
    access: RecordAccess,
    plan: Plan,
    entry: Entry,
    writer: Writer,
    data: QueryDict | None = None,
    initial: dict[str, Any] | None = None,
) -> tuple[ChangeEntryForm, EntryRevision, str]:
    current = services.latest_revision(entry)
    kind = services.entry_kind(plan, entry)
    needs_together = entry.voice == Voice.PERSON and not writer.is_person
    form = ChangeEntryForm(
        data,
        kind=kind,
        writer_is_person=writer.is_person,
        person=access.person,
        needs_together=needs_together,
        initial=initial or {**current.fields, "based_on": current.number},
    )
    return form, current, kind


def _prompt(plan: Plan, entry: Entry) -> str:
    if entry.responds_to_id is not None:
        return N_("Your view")
    found = item_definition(plan.template.definition, entry.section_key, entry.item_key)
    return found[1]["prompt"] if found else N_("Your words")


def _mode(writer: Writer, entry: Entry, together: bool) -> str:
    if entry.voice == Voice.SUPPORTER:
        return Mode.OWN if writer.is_supporter else Mode.FOR
    if entry.voice == Voice.PERSON:
        return Mode.OWN if writer.is_person else (Mode.TOGETHER if together else Mode.FOR)
    return Mode.OWN


@person_record_view("safety_plan", methods=FORM, supporters="add")
def change_entry(request: HttpRequest, access: RecordAccess, plan_id: UUID, entry_id: int) -> Shown | HttpResponseBase:
    plan = plan_in_record(access, plan_id)
    writer = writer_or_404(request, access, adding=True)
    entry = _entry_in(access, plan, entry_id)
    if entry.voice == Voice.CARE_TEAM and writer.is_person:
        raise Http404("The care team's words are theirs: add your own view beside them.")
    if writer.is_supporter and (access.support is None or entry.supporter_id != access.support.pk):
        raise Http404("Someone else's words: add your own view beside them.")
    _adding_here(access, plan, entry.section_key)
    form, current, kind = _change_form(request, access, plan, entry, writer, posted(request))
    if current.removed and request.method != "POST":  # a POST based on an older revision gets the 409 page
        raise Http404("This has been taken out of the plan.")
    if request.method == "POST" and form.is_valid():
        try:
            services.revise_entry(
                writer,
                entry,
                fields=form.entry_fields,
                based_on=form.cleaned_data["based_on"],
                mode=_mode(writer, entry, form.cleaned_data.get("together", False)),
            )
        except services.StaleEdit as stale:
            return _stale(request, access, plan, entry, writer, stale, form)
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your change is saved. The earlier words are kept in the plan's history."))
            _language_hints(request, access, entry.voice, form.entry_fields, current.fields)
            return _back(access, plan, f"entry-{entry.pk}")
    remove_form = RemoveEntryForm(initial={"based_on": current.number})
    return _render_form(
        request,
        access,
        plan,
        form,
        heading=N_("Change what is written"),
        prompt=_prompt(plan, entry),
        entry=entry,
        remove_form=remove_form,
        status=422 if form.errors else 200,
        action="change",
    )


def _stale(
    request: HttpRequest,
    access: RecordAccess,
    plan: Plan,
    entry: Entry,
    writer: Writer,
    stale: services.StaleEdit,
    posted_form: ChangeEntryForm,
) -> Shown:
    """409: someone else saved first. Show their words and let this user put theirs back on top, knowingly."""
    newer = stale.current
    initial = {**posted_form.cleaned_data, "based_on": newer.number}
    form, _current, kind = _change_form(request, access, plan, entry, writer, initial=initial)
    newer_entry = {
        "voice": entry.voice,
        "voice_label": voice_label(entry, access.person.name_to_use),
        "mode": newer.mode,
        "written_by": newer.written_by_name,
        "written_by_role": newer.written_by_role,
        "written_at": newer.written_at.isoformat(timespec="seconds"),
    }
    context = {
        "person": access.person,
        "plan": plan,
        "form": form,
        "entry": entry,
        "newer_removed": newer.removed,
        "newer_rows": field_rows(kind, newer.fields, is_view=entry.responds_to_id is not None),
        "newer_byline": byline(newer_entry, access.person.name_to_use),
        "prompt": _prompt(plan, entry),
    }
    return show(request, "plans/stale.jinja", context, status=409, object_type="plan_entry", object_id=entry.pk)


@person_record_view("safety_plan", methods=ACTION, supporters="add")
def remove_entry(request: HttpRequest, access: RecordAccess, plan_id: UUID, entry_id: int) -> HttpResponseBase:
    plan = plan_in_record(access, plan_id)
    writer = writer_or_404(request, access, adding=True)
    entry = _entry_in(access, plan, entry_id)
    form = RemoveEntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That request was not complete. Nothing was changed."))
        return _back(access, plan)
    try:
        services.revise_entry(
            writer,
            entry,
            fields={},
            based_on=form.cleaned_data["based_on"],
            mode=_mode(writer, entry, together=form.cleaned_data.get("together", False)),
            removed=True,
        )
    except services.StaleEdit:
        messages.error(request, _("Someone else changed this just now, so it was not taken out. Check it again."))
    except services.PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Taken out of the plan. Earlier versions still show it."))
    return _back(access, plan)


@person_record_view("safety_plan", methods=ACTION)
def hide_entry(request: HttpRequest, access: RecordAccess, plan_id: UUID, entry_id: int) -> HttpResponseBase:
    """The person hides a supporter's words from their care team, or shows them again."""
    plan = plan_in_record(access, plan_id)
    writer = writer_or_404(request, access)
    entry = _entry_in(access, plan, entry_id)
    choice = request.POST.get("hidden")
    if choice not in ("yes", "no"):
        messages.error(request, _("That request was not complete. Nothing was changed."))
        return _back(access, plan, f"entry-{entry.pk}")
    hidden = choice == "yes"
    try:
        services.hide_from_staff(writer, entry, hidden=hidden)
    except services.PlanError as error:
        messages.error(request, str(error))
    else:
        who = voice_label(entry, access.person.name_to_use)
        messages.success(
            request,
            _("Your care team no longer sees what %(who)s wrote here. It stays in your plan for you and them.")
            % {"who": who}
            if hidden
            else _("Your care team can see what %(who)s wrote here again.") % {"who": who},
        )
    return _back(access, plan, f"entry-{entry.pk}")

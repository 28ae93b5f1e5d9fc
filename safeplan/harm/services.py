"""Changes to harm-minimisation records: recorded conversations and check-ins. One transaction each, audited."""

from datetime import date, datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from safeplan.harm.models import CheckIn, Conversation
from safeplan.harm.prompts import PROMPTS, applicable
from safeplan.people.access import RecordAccess
from safeplan.people.records import Action, Writer, audit_change
from safeplan.plans.models import Entry, Plan
from safeplan.plans.queries import current_entries
from safeplan.plans.services import PlanError, check_plan

HARM_TEMPLATE = "harm-minimisation"
TECHNIQUE = "technique"  # the item a technique is written in


def _check_plan(writer: Writer, plan: Plan) -> None:
    check_plan(writer, plan)
    if plan.template.key != HARM_TEMPLATE:
        raise PlanError("That is not a harm-minimisation plan.")


def record_conversation(
    writer: Writer, plan: Plan, *, prompt_key: str, note: str, now: datetime | None = None
) -> Conversation:
    """A practitioner records that they talked a prompt through with the person."""
    _check_plan(writer, plan)
    if not writer.is_care_team:
        raise PlanError("A practitioner records the conversation.")
    if prompt_key not in PROMPTS or prompt_key not in {p.key for p in applicable(plan)}:
        raise PlanError("There is nothing to talk through about that on this plan now.")
    note = note.strip()
    if len(note) < 10:
        raise PlanError("Write a few words about what you talked about and agreed.")
    with transaction.atomic():
        conversation = Conversation.objects.create(
            plan=plan,
            prompt_key=prompt_key,
            note=note[:2000],
            **writer.authored(now),
        )
        audit_change(writer, Action.CREATE, "harm_conversation", conversation.pk)
    return conversation


def technique_entries(plan: Plan) -> QuerySet[Entry]:
    """The plan's current techniques, for choosing which one a check-in is about."""
    return current_entries(plan, TECHNIQUE)


def add_check_in(
    writer: Writer,
    plan: Plan,
    *,
    entry: Entry,
    used_on: date,
    helped: int,
    note: str = "",
    share: bool = False,
    now: datetime | None = None,
) -> CheckIn:
    """The person records what helped. Recorded by a practitioner, it is done with the person and so is shared."""
    _check_plan(writer, plan)
    if not technique_entries(plan).filter(pk=entry.pk).exists():
        raise PlanError(_("Choose one of the techniques in this plan."))
    if not 0 <= helped <= 4:
        raise PlanError(_("Choose how much it helped."))
    today = timezone.localdate()
    if used_on > today:
        raise PlanError(_("The day you used it cannot be in the future."))
    with transaction.atomic():
        check_in = CheckIn.objects.create(
            plan=plan,
            entry=entry,
            used_on=used_on,
            helped=helped,
            note=note.strip()[:1000],
            recorded_by=writer.user,
            recorded_by_role=writer.access.role,
            shared=share if writer.is_person else True,
            created_at=now or timezone.now(),
        )
        audit_change(writer, Action.CREATE, "harm_check_in", check_in.pk)
    return check_in


def set_sharing(writer: Writer, check_in: CheckIn, *, shared: bool) -> CheckIn:
    """Only the person decides whether their care team sees a check-in."""
    if not writer.is_person:
        raise PlanError("Only you can choose who sees your check-ins.")
    writer.check(check_in.plan.person_id, error=PlanError, what="check-in")
    with transaction.atomic():
        CheckIn.objects.filter(pk=check_in.pk).update(shared=shared)
        audit_change(writer, Action.UPDATE, "harm_check_in", check_in.pk, "shared" if shared else "private")
    check_in.shared = shared
    return check_in


def visible_check_ins(access: RecordAccess, plan: Plan) -> QuerySet[CheckIn]:
    """The person sees all their check-ins; their care team sees only the ones they shared."""
    check_ins = CheckIn.objects.filter(plan=plan).select_related("entry")
    return check_ins if access.is_person else check_ins.filter(shared=True)

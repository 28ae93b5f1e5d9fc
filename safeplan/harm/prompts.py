"""Conversation prompts, not blocks. Where clinicians hesitate over harm minimisation (seed 003, Table 3), the
practitioner is asked to talk it through with the person and record that they did before the plan is agreed."""

from dataclasses import dataclass
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_noop as N_

from safeplan.core.dates import long_day
from safeplan.people.access import RecordAccess
from safeplan.people.presenters import age_on
from safeplan.plans.extensions import Notice
from safeplan.plans.models import EntryRevision, Plan
from safeplan.plans.queries import current_revisions

RECENT = timedelta(days=28)


@dataclass(frozen=True)
class Prompt:
    key: str
    heading: str
    text: str  # {name} is the person's name
    for_person: str  # how the person sees it once it has been talked through (translated where it is shown)


PROMPTS = {
    "anatomy-and-suicidal-thoughts": Prompt(
        "anatomy-and-suicidal-thoughts",
        "Talk this through: information about the body, and recent thoughts of suicide",
        "This plan includes information about which parts of the body to avoid, and thoughts of ending life were "
        "recorded in the last four weeks. Talk with {name} about what the information is for and how they are "
        "feeling now, then record the conversation.",
        N_("Information about the body, and how you were feeling"),
    ),
    "wants-to-stop": Prompt(
        "wants-to-stop",
        "Talk this through: {name} would like to stop",
        "{name} has said they would like to stop hurting themselves. Talk together about that goal and how each "
        "technique fits with it, then record the conversation.",
        N_("Your wish to stop"),
    ),
    "young-person": Prompt(
        "young-person",
        "Talk this through: {name} is under 18",
        "Talk with {name} about who should be involved in this plan, such as a parent, carer or school, and what "
        "they want shared, then record what you agreed.",
        N_("Who should be involved in your plan"),
    ),
}


def applicable(plan: Plan) -> list[Prompt]:
    """The prompts that apply to this plan as it stands now, and no others."""
    from safeplan.harm.models import Technique

    revisions = list(current_revisions(plan))
    by_item: dict[str, list[EntryRevision]] = {}
    for revision in revisions:
        by_item.setdefault(revision.entry.item_key, []).append(revision)
    found = []
    recent = timezone.now() - RECENT
    thoughts = any(
        r.fields.get("answer") == "yes" and r.written_at >= recent for r in by_item.get("recent-suicidal-thoughts", [])
    )
    chosen = {r.fields.get("technique_id") for r in by_item.get("technique", []) if r.fields.get("technique_id")}
    if thoughts and chosen:
        anatomy = Technique.objects.filter(
            organisation_id=plan.person.organisation_id, anatomy=True, pk__in=[int(c) for c in chosen if c.isdigit()]
        )
        if anatomy.exists():
            found.append(PROMPTS["anatomy-and-suicidal-thoughts"])
    if any(r.fields.get("answer") == "yes" for r in by_item.get("want-to-stop", [])):
        found.append(PROMPTS["wants-to-stop"])
    if age_on(plan.person.date_of_birth, timezone.localdate()) < 18:
        found.append(PROMPTS["young-person"])
    return found


def _history(plan: Plan) -> dict[str, list[str]]:
    from safeplan.harm.models import Conversation

    lines: dict[str, list[str]] = {}
    for c in Conversation.objects.filter(plan=plan):
        when = long_day(timezone.localtime(c.written_at).date())
        lines.setdefault(c.prompt_key, []).append(
            _("Talked through with %(name)s (%(role)s) on %(day)s: %(note)s")
            % {"name": c.written_by_name, "role": translated(c.written_by_role), "day": when, "note": c.note}
        )
    return lines


def pending(plan: Plan) -> list[Prompt]:
    history = _history(plan)
    return [p for p in applicable(plan) if p.key not in history]


def notices(plan: Plan, access: RecordAccess) -> list[Notice]:
    name = plan.person.name_to_use
    history = _history(plan)
    if access.is_person:  # the person sees what was talked through, not the prompts themselves
        return [
            Notice(
                translated(PROMPTS[key].for_person),
                _("You and your care team talked this through."),
                done=True,
                history=tuple(lines),
            )
            for key, lines in history.items()
            if key in PROMPTS
        ]
    result = []
    for prompt in applicable(plan):
        href = reverse(
            "harm_conversation",
            kwargs={"person_id": plan.person_id, "plan_id": plan.pk, "prompt_key": prompt.key},
        )
        done = prompt.key in history
        result.append(
            Notice(
                prompt.heading.format(name=name),
                prompt.text.format(name=name),
                done=done,
                link_text="" if done else "Record that you talked this through",
                href="" if done else href,
                history=tuple(history.get(prompt.key, [])),
            )
        )
    return result


def agreement_problems(plan: Plan) -> list[str]:
    name = plan.person.name_to_use
    return [f"{p.heading.format(name=name)}, and record the conversation." for p in pending(plan)]

"""Restorative responses (issue 12, item 4): recorded by the care team with the person's agreement, both accounts kept
side by side, an apology where owed, what changed (linked to the plan that changed, or a template or policy in words)
and what was learned; shown on the case page to the raiser and staff, and to nobody else."""

import html
import os
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.circle import services as circle
from safeplan.concerns import restorative, services
from safeplan.concerns.models import Concern, Restorative
from safeplan.core.immutability import ImmutableRecord
from safeplan.people.access import resolve_access
from safeplan.people.models import SupportRelationship
from safeplan.people.records import Writer
from safeplan.people.tests.conftest import World
from safeplan.plans import services as plans
from safeplan.plans.models import PlanTemplate
from safeplan.plans.tests.conftest import writer as plan_writer

THEIRS = "I rang the crisis line twice and nobody answered. I felt nobody cared."
OURS = "The out-of-hours rota had a gap on Saturday nights after September."
CHANGED = "Your plan now lists a second number that is always answered."
LEARNED = "A rota change must be checked against every plan that lists the line."


@pytest.fixture
def world(db) -> World:
    return World()


def as_(world, user) -> Writer:
    return Writer(user, resolve_access(user, world.person.pk))


def a_concern(world, kind="concern", user=None) -> Concern:
    return services.raise_concern(
        as_(world, user or world.person.user),
        kind=kind,
        about=services.About("the crisis line"),
        what_happened="The crisis line rang out.",
    )


def a_plan(world, purpose=""):
    template = PlanTemplate.objects.get(organisation=None, key="joint-crisis", version=1)
    extra = {"purpose": purpose} if purpose else {}
    return plans.start_plan(plan_writer(world.practitioner, world.person), template, **extra)


def parts(**extra) -> dict:
    return {
        "agreed_on": timezone.localdate(),
        "their_account": THEIRS,
        "our_account": OURS,
        "what_changed": CHANGED,
        "changed": restorative.Changed("policy", words="The out-of-hours rota"),
        "learned": LEARNED,
        **extra,
    }


def posted(plan=None, **extra) -> dict:
    return {
        "agreed_on": timezone.localdate().strftime("%d/%m/%Y"),
        "their_account": THEIRS,
        "our_account": OURS,
        "apology": "We are sorry.",
        "what_changed": CHANGED,
        "changed": f"plan:{plan.pk}:crisis" if plan else "policy",
        "changed_words": "" if plan else "The out-of-hours rota",
        "learned": LEARNED,
        **extra,
    }


def test_the_care_team_records_one_with_the_persons_agreement_and_the_person_reads_both_accounts(client, world):
    plan = a_plan(world)
    concern = a_concern(world)
    client.force_login(world.practitioner)
    url = reverse("concern_restorative", kwargs={"person_id": world.person.pk, "concern_id": concern.pk})
    form = client.get(url).content.decode()
    assert f"plan:{plan.pk}:crisis" in form and "“My joint crisis plan”: Who to contact" in form
    seq = AuditEvent.objects.count()
    assert client.post(url, posted(plan)).status_code == 302
    row = Restorative.objects.get()
    assert (row.changed_type, row.changed_id, row.agreed_on) == ("plan", str(plan.pk), timezone.localdate())
    assert row.changed_words == "“My joint crisis plan”: Who to contact"
    created = AuditEvent.objects.get(seq__gt=seq, action="create")
    assert (created.object_type, created.object_id, created.person_id) == ("restorative", str(row.pk), world.person.pk)

    client.force_login(world.person.user)
    case = client.get(reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": concern.pk}))
    page = case.content.decode()
    side_by_side = page[page.index("safeplan-side-by-side") :]
    assert THEIRS in side_by_side and OURS in side_by_side  # both kept, neither replacing the other
    assert "What happened, as you tell it" in page and "as the service sees it" in page
    for words in ["We are sorry.", CHANGED, LEARNED, "Recorded with your agreement"]:
        assert words in page
    plan_url = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": plan.pk})
    assert f'href="{plan_url}#section-crisis"' in page
    assert "Record a restorative response" not in page  # the care team records it


def test_without_the_date_the_person_agreed_nothing_is_recorded(client, world):
    concern = a_concern(world)
    client.force_login(world.practitioner)
    url = reverse("concern_restorative", kwargs={"person_id": world.person.pk, "concern_id": concern.pk})
    response = client.post(url, posted(agreed_on=""))
    page = response.content.decode()
    assert response.status_code == 422
    assert "<title>Error: Record a restorative response – safeplan</title>" in page
    assert "There is a problem" in page and f"Enter the date {world.person.name_to_use} agreed" in page
    with pytest.raises(services.ConcernError, match="Without their agreement, do not record one"):
        restorative.record_restorative(as_(world, world.practitioner), concern, **parts(agreed_on=None))
    assert not Restorative.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"their_account": " "}, "Say what happened as they tell it"),
        ({"our_account": ""}, "Say what happened as the service sees it"),
        ({"what_changed": ""}, "Say what changed"),
        ({"learned": "\n"}, "Say what was learned"),
        ({"changed": None}, "Say where the change was made"),
        ({"changed": restorative.Changed("template")}, "Say which plan template changed"),
        ({"changed": restorative.Changed("plan", "00000000-0000-0000-0000-000000000000", "x")}, "not one of their"),
        ({"agreed_on": date.today() + timedelta(days=2)}, "cannot be in the future"),
        ({"agreed_on": date.today() - timedelta(days=2)}, "before the concern was received"),
    ],
)
def test_a_missing_or_wrong_part_is_refused_with_a_clear_message(world, change, message):
    concern = a_concern(world)
    with pytest.raises(services.ConcernError, match=message):
        restorative.record_restorative(as_(world, world.practitioner), concern, **parts(**change))
    assert not Restorative.objects.exists()


def test_bad_input_on_the_page_is_answered_with_422_and_the_error_summary(client, world):
    concern = a_concern(world)
    client.force_login(world.practitioner)
    url = reverse("concern_restorative", kwargs={"person_id": world.person.pk, "concern_id": concern.pk})
    for bad, message in [
        (posted(their_account=""), "Say what happened as they tell it"),
        (posted(changed=""), "Choose where the change was made"),
        (posted(changed="plan:not-theirs"), "Choose from the list"),
        (posted(changed_words=""), "Say which template or policy changed"),
        (posted(agreed_on="31/2/2026"), "Enter the date as day/month/year"),
    ]:
        response = client.post(url, bad)
        assert response.status_code == 422 and message in response.content.decode(), message
    assert not Restorative.objects.exists()


def test_only_the_care_team_records_one_and_only_for_a_concern(client, world):
    concern = a_concern(world)
    with pytest.raises(services.ConcernError, match="The care team records"):
        restorative.record_restorative(as_(world, world.person.user), concern, **parts())
    compliment = a_concern(world, kind="compliment")
    with pytest.raises(services.ConcernError, match="not a compliment"):
        restorative.record_restorative(as_(world, world.practitioner), compliment, **parts())
    client.force_login(world.practitioner)
    url = reverse("concern_restorative", kwargs={"person_id": world.person.pk, "concern_id": compliment.pk})
    assert client.get(url).status_code == 404
    client.force_login(world.person.user)
    url = reverse("concern_restorative", kwargs={"person_id": world.person.pk, "concern_id": concern.pk})
    assert client.get(url).status_code == 404 and client.post(url, posted()).status_code == 404
    assert not Restorative.objects.exists()


def test_staff_outside_the_care_team_see_nothing(client, world):
    concern = a_concern(world)
    restorative.record_restorative(as_(world, world.practitioner), concern, **parts())
    for outsider in world.outsiders().values():
        client.force_login(outsider)
        record = reverse("concern_restorative", kwargs={"person_id": world.person.pk, "concern_id": concern.pk})
        case = reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": concern.pk})
        for url in [record, case]:
            assert client.get(url).status_code == 404, (outsider, url)
        assert client.post(record, posted()).status_code == 404
    assert Restorative.objects.count() == 1


def test_a_supporter_who_raised_it_reads_it_without_the_name_of_a_plan_not_shared_with_them(client, world):
    shared, private = a_plan(world), a_plan(world, purpose="Private plan")
    support = SupportRelationship.objects.get(user=world.supporter, person=world.person)
    circle.set_plan_sharing(as_(world, world.person.user), support, shared, sections={"crisis"})
    concern = a_concern(world, user=world.supporter)
    staff = as_(world, world.practitioner)
    restorative.record_restorative(staff, concern, **parts(changed=restorative.Changed("plan", str(private.pk), "x")))
    restorative.record_restorative(
        staff, concern, **parts(changed=restorative.Changed("plan", str(shared.pk), "“My joint crisis plan”"))
    )
    client.force_login(world.supporter)
    page = client.get(reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": concern.pk}))
    text = html.unescape(page.content.decode())
    assert page.status_code == 200 and THEIRS in text and OURS in text
    assert str(private.pk) not in text and f"Something in {world.person.name_to_use}'s record" in text
    assert "“My joint crisis plan”" in text  # the one they may see is named


def test_a_restorative_response_is_never_changed(world):
    concern = a_concern(world)
    row = restorative.record_restorative(as_(world, world.practitioner), concern, **parts())
    row.our_account = "rewritten"
    with pytest.raises(ImmutableRecord):
        row.save()


def test_the_demo_has_a_restorative_response_linked_to_the_changed_item_of_lees_plan(client, db):
    from django.core.management import call_command

    from safeplan.people.models import User

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 - closed with the process
    row = Restorative.objects.select_related("concern__person").get()
    assert (row.concern.person.full_name, row.changed_type) == ("Lee Okafor", "plan")
    assert row.changed_words == "“My joint crisis plan”: Who to contact"
    client.force_login(User.objects.get(username="lee"))
    page = client.get(reverse("concern", kwargs={"person_id": row.concern.person_id, "concern_id": row.concern_id}))
    assert f"/plans/{row.changed_id}/#section-crisis" in page.content.decode()
    plan = client.get(reverse("plan", kwargs={"person_id": row.concern.person_id, "plan_id": row.changed_id}))
    assert "01632 960002" in plan.content.decode()  # the changed item, in the plan it links to

"""Raising a concern about one thing (issue 12, item 1): the link beside an entry, a version, a decision and the marker
of something withheld; something the service did; and what the raise form lets each reader name — never something
they may not see, and never the words of what is withheld."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from safeplan.concerns.about import SERVICE_THEME, resolve
from safeplan.concerns.learning import learning_for
from safeplan.concerns.models import Concern
from safeplan.decisions import services as decisions
from safeplan.people.access import resolve_access
from safeplan.people.capabilities import ref
from safeplan.people.models import SupportRelationship
from safeplan.plans import services as plans
from safeplan.plans.models import Mode, Voice
from safeplan.plans.tests.test_withheld import SECRET, WithheldWorld

WHAT = "The words here are not what we agreed in clinic"


@pytest.fixture
def world(db) -> WithheldWorld:
    return WithheldWorld()


def raise_url(world) -> str:
    return reverse("concern_raise", kwargs={"person_id": world.person.pk})


def link(world, reference: str) -> str:
    return f"{raise_url(world)}?about={reference.replace(':', '%3A')}"


def send(client, world, reference: str, **extra):
    fields = {"kind": "concern", "about": reference, "what_happened": WHAT, "contact_ok": "no", **extra}
    return client.post(f"{raise_url(world)}?about={reference}", fields)


def plan_page(client, world) -> str:
    return client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})).content.decode()


def test_the_person_raises_a_concern_about_an_entry_from_beside_it(client, world):
    entry = world.person_writes(item_key="feel-safe", text="Sit with my sister", section="crisis")
    reference = ref("plan_entry", entry.pk)
    client.force_login(world.person.user)
    assert link(world, reference) in plan_page(client, world)
    form = client.get(f"{raise_url(world)}?about={reference}").content.decode()
    assert f'value="{reference}" checked' in form and "An entry in “" in form
    response = send(client, world, reference)
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert (concern.about_type, concern.about_id) == ("plan_entry", str(entry.pk))
    assert concern.about_words.startswith(f"An entry in “{world.plan.title}”, in “")
    assert "Sit with my sister" not in concern.about_words  # what and where, never the words
    case = client.get(response["Location"]).content.decode()
    assert f'href="/people/{world.person.pk}/plans/{world.plan.pk}/#entry-{entry.pk}"' in case


def test_the_person_cannot_name_a_withheld_entry_but_can_raise_one_about_its_marker(client, world):
    client.force_login(world.person.user)
    page = plan_page(client, world)
    marker = ref("withheld", world.withholding.pk)
    assert link(world, marker) in page and ref("plan_entry", world.secret.pk) not in page
    refused = send(client, world, ref("plan_entry", world.secret.pk))
    assert refused.status_code == 422 and not Concern.objects.exists()
    assert send(client, world, marker).status_code == 302
    concern = Concern.objects.get()
    assert concern.about_words.startswith(f"Something not shown to {world.person.name_to_use}, since ")
    assert SECRET not in concern.about_words


def test_a_supporter_names_only_what_is_in_a_section_shared_with_them(client, world):
    unshared = world.person_writes()  # in "staying well": not shared with the supporter
    shared = world.person_writes(item_key="take-care-of", text="Feed the cat", section="crisis")
    client.force_login(world.supporter)
    assert link(world, ref("plan_entry", shared.pk)) in plan_page(client, world)
    for hidden in [ref("plan_entry", unshared.pk), ref("withheld", world.withholding.pk), ref("plan_entry", 999999)]:
        form = client.get(f"{raise_url(world)}?about={hidden}").content.decode()
        assert hidden not in form
        assert send(client, world, hidden).status_code == 422
    assert not Concern.objects.exists()
    assert send(client, world, ref("plan_entry", shared.pk)).status_code == 302


def test_an_advocate_not_asked_to_raise_concerns_and_the_care_team_get_no_link(client, world):
    support = SupportRelationship.objects.get(user=world.advocate, person=world.person)
    support.shares.create(
        object_type="plan", object_id=str(world.plan.pk), part="", shared_at=timezone.now(), shared_by=world.person.user
    )
    for user in [world.advocate, world.practitioner]:
        client.force_login(user)
        assert "Raise a concern about this" not in plan_page(client, world)


def test_a_version_and_a_decision_each_offer_the_link(client, world):
    decision = decisions.start_decision(world.staff, question="Should I go home this weekend?")
    client.force_login(world.person.user)
    version = reverse(
        "plan_version", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk, "number": world.version.number}
    )
    assert link(world, ref("plan_version", world.version.pk)) in client.get(version).content.decode()
    page = client.get(reverse("decision", kwargs={"person_id": world.person.pk, "decision_id": decision.pk}))
    assert link(world, ref("decision", decision.pk)) in page.content.decode()
    assert send(client, world, ref("plan_version", world.version.pk)).status_code == 302
    assert Concern.objects.get().about_words.startswith(f"Version {world.version.number} of “")


def test_something_the_service_did_is_chosen_from_a_list_and_counted_as_such(client, world):
    client.force_login(world.person.user)
    missing = send(client, world, "service")
    assert missing.status_code == 422 and "Choose what the service did" in missing.content.decode()
    assert send(client, world, "service", service_action="not-a-choice").status_code == 422
    assert send(client, world, "service", service_action="admission").status_code == 302
    concern = Concern.objects.get()
    assert (concern.about_type, concern.about_part, concern.about_words) == (
        "service_action",
        "admission",
        "Being admitted to hospital",
    )
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        themes = dict(learning_for(world.person.organisation).themes)
    assert themes[SERVICE_THEME].text == "fewer than 5" and themes["Something else"].text == "0"


def test_a_reference_typed_into_the_address_that_names_nothing_is_ignored(client, world):
    client.force_login(world.person.user)
    for junk in ["plan_entry", "plan_entry:abc:", "nonsense:1:", "a:b:c:d", "decision:not-a-uuid:"]:
        response = client.get(f"{raise_url(world)}?about={junk}")
        assert response.status_code == 200 and f'value="{junk}"' not in response.content.decode()


def test_nobody_but_the_person_and_its_writer_names_a_supporters_words_hidden_from_staff(world):
    from safeplan.people import services as people_services
    from safeplan.people.tests.factories import SupportRelationshipFactory

    support = SupportRelationship.objects.get(user=world.supporter, person=world.person)
    other = SupportRelationshipFactory(person=world.person)
    other.shares.create(
        object_type="plan", object_id=str(world.plan.pk), part="", shared_at=timezone.now(), shared_by=world.person.user
    )
    words = plans.add_entry(
        world.staff,
        world.plan,
        section_key="crisis",
        item_key="feel-safe",
        fields={"text": "Only for Ro and me"},
        voice=Voice.SUPPORTER,
        mode=Mode.FOR,
        supporter=support,
    )
    plans.hide_from_staff(world.me, words, hidden=True)
    people_services.start_break_glass(
        actor=people_services.SYSTEM, user=world.other_lead, nhs_number=world.person.nhs_number, reason="A call at 3am"
    )
    reference = ref("plan_entry", words.pk)
    named = {
        user.username: resolve(resolve_access(user, world.person.pk), reference) is not None
        for user in [world.person.user, world.supporter, other.user, world.practitioner, world.other_lead]
    }
    assert named == {
        world.person.user.username: True,
        world.supporter.username: True,
        other.user.username: False,
        world.practitioner.username: False,
        world.other_lead.username: False,
    }


def test_an_entry_taken_out_of_the_plan_or_a_reference_with_a_made_up_part_names_nothing(client, world):
    entry = world.person_writes(item_key="feel-safe", text="Sit with my sister", section="crisis")
    person = resolve_access(world.person.user, world.person.pk)
    assert resolve(person, ref("plan_entry", entry.pk, "x" * 10)) is None
    assert resolve(person, ref("plan", world.plan.pk, "crisis")) is None
    assert resolve(person, ref("plan_entry", entry.pk, "x" * 70)) is None
    plans.revise_entry(world.me, entry, fields={"text": "Sit with my sister"}, based_on=1, mode=Mode.OWN, removed=True)
    assert resolve(person, ref("plan_entry", entry.pk)) is None
    client.force_login(world.person.user)
    refused = send(client, world, ref("plan_entry", entry.pk))
    assert refused.status_code == 422 and "Choose what it is about from the list" in refused.content.decode()

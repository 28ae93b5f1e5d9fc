"""Supporters write in their own voice where the person asks them to; nobody changes anyone else's words; the person
hides a supporter's words from staff or takes them out (issue 11, item 3; hazard H29)."""

import pytest
from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.circle import services
from safeplan.circle.tests.conftest import SHARED_WORDS
from safeplan.people.access import resolve_access
from safeplan.people.models import SupportRelationship
from safeplan.people.records import Writer
from safeplan.plans import services as plans
from safeplan.plans.models import Entry, EntryRevision, Mode, Voice
from safeplan.plans.snapshots import build_snapshot

SISTERS_WORDS = "I can come over and sit with them, any time of night"


def as_(world, user) -> Writer:
    return Writer(user, resolve_access(user, world.person.pk))


def share(world, sections, adds=()):
    me = as_(world, world.person.user)
    return services.set_plan_sharing(me, world.support, world.plan, sections=set(sections), adds=set(adds))


def add_url(world, section="crisis", item="feel-safe") -> str:
    kwargs = {"person_id": world.person.pk, "plan_id": world.plan.pk, "section_key": section, "item_key": item}
    return reverse("plan_add_entry", kwargs=kwargs)


def entry_url(world, name, entry) -> str:
    return reverse(name, kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk, "entry_id": entry.pk})


def supporter_adds(world, text=SISTERS_WORDS) -> Entry:
    return plans.add_entry(
        as_(world, world.supporter),
        world.plan,
        section_key="crisis",
        item_key="feel-safe",
        fields={"text": text},
        voice=Voice.SUPPORTER,
        mode=Mode.OWN,
        supporter=world.support,
    )


def test_a_supporter_asked_to_add_writes_in_their_own_voice_from_their_own_login(client, world):
    share(world, ["crisis"], adds=["crisis"])
    client.force_login(world.supporter)
    form = client.get(add_url(world))
    assert form.status_code == 200 and "Whose words are these?" not in form.content.decode()
    seq = AuditEvent.objects.count()
    response = client.post(add_url(world), {"voice": "care_team:own", "text": SISTERS_WORDS})  # voice is not theirs
    assert response.status_code == 302
    entry = Entry.objects.get(voice=Voice.SUPPORTER)
    assert (entry.supporter, entry.created_by) == (world.support, world.supporter)
    assert entry.revisions.get().mode == Mode.OWN
    change = AuditEvent.objects.get(seq__gt=seq, action="create")
    assert (change.object_type, change.purpose, change.actor_role) == ("plan_entry", "shared", "supporter")
    client.force_login(world.person.user)
    page = client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})).content
    assert SISTERS_WORDS in page.decode() and "in their own words" in page.decode()


@pytest.mark.parametrize("adds", [[], ["staying-well"]])
def test_a_supporter_cannot_add_where_they_were_not_asked(client, world, adds):
    share(world, ["crisis", "staying-well"] if adds else ["crisis"], adds=adds)
    client.force_login(world.supporter)
    assert client.get(add_url(world)).status_code == 404
    assert client.post(add_url(world), {"text": SISTERS_WORDS}).status_code == 404
    assert not Entry.objects.filter(voice=Voice.SUPPORTER).exists()
    with pytest.raises(plans.PlanError, match="has not asked you"):
        supporter_adds(world)


def test_a_supporter_cannot_add_to_a_section_not_shared_with_them(client, world):
    share(world, ["crisis"], adds=["crisis"])
    client.force_login(world.supporter)
    url = add_url(world, "staying-well", "keeps-me-well")
    assert client.post(url, {"text": SISTERS_WORDS}).status_code == 404
    assert not Entry.objects.filter(voice=Voice.SUPPORTER).exists()


def test_adding_needs_sharing_the_section_too(client, world):
    with pytest.raises(services.SharingError, match="share that section"):
        share(world, ["crisis"], adds=["staying-well"])
    client.force_login(world.person.user)
    url = reverse("circle_sharing_with", kwargs={"support_id": world.support.pk})
    plan = world.plan.pk
    response = client.post(url, {f"sees-plan-{plan}": ["crisis"], f"adds-plan-{plan}": ["staying-well"]})
    assert response.status_code == 422 and "share that section too" in response.content.decode()
    response = client.post(url, {f"sees-plan-{plan}": ["crisis"], f"adds-plan-{plan}": ["crisis"]})
    assert response.status_code == 302
    assert resolve_access(world.supporter, world.person.pk).may_add_to("plan", plan, "crisis")


def test_a_supporter_never_changes_anyone_elses_words_but_answers_them(client, world):
    share(world, ["crisis"], adds=["crisis"])
    persons = Entry.objects.get(voice=Voice.PERSON, section_key="crisis")
    client.force_login(world.supporter)
    assert client.get(entry_url(world, "plan_change_entry", persons)).status_code == 404
    posted = client.post(entry_url(world, "plan_change_entry", persons), {"text": "changed", "based_on": 1})
    assert posted.status_code == 404
    assert client.post(entry_url(world, "plan_remove_entry", persons), {"based_on": 1}).status_code == 302
    assert not persons.revisions.filter(number__gt=1).exists()
    with pytest.raises(plans.PlanError, match="someone else's words"):
        plans.revise_entry(as_(world, world.supporter), persons, fields={"text": "x"}, based_on=1, mode=Mode.OWN)
    answer = client.post(entry_url(world, "plan_answer_entry", persons), {"text": "She rings me first, usually"})
    assert answer.status_code == 302
    view = Entry.objects.get(responds_to=persons)
    assert (view.voice, view.supporter) == (Voice.SUPPORTER, world.support)


def test_a_supporter_changes_their_own_words_and_nobody_else_does(client, world):
    share(world, ["crisis"], adds=["crisis"])
    entry = supporter_adds(world)
    client.force_login(world.supporter)
    response = client.post(entry_url(world, "plan_change_entry", entry), {"text": "Any time at all", "based_on": 1})
    assert response.status_code == 302
    assert entry.revisions.get(number=2).fields == {"text": "Any time at all"}
    for writer in [world.staff, world.me]:
        with pytest.raises(plans.PlanError, match="own words"):
            plans.revise_entry(writer, entry, fields={"text": "edited"}, based_on=2, mode=Mode.FOR)
    with pytest.raises(plans.PlanError, match="own words"):
        plans.revise_entry(world.staff, entry, fields={}, based_on=2, mode=Mode.FOR, removed=True)
    assert entry.revisions.count() == 2


def test_the_person_takes_a_supporters_words_out_and_they_stay_in_history(client, world):
    share(world, ["crisis"], adds=["crisis"])
    entry = supporter_adds(world)
    client.force_login(world.person.user)
    assert client.post(entry_url(world, "plan_remove_entry", entry), {"based_on": 1}).status_code == 302
    last = entry.revisions.get(number=2)
    assert last.removed and last.mode == Mode.OWN and last.fields == {"text": SISTERS_WORDS}
    assert SISTERS_WORDS not in str(build_snapshot(world.plan))


def test_the_person_hides_a_supporters_words_from_staff(client, world):
    share(world, ["crisis"], adds=["crisis"])
    entry = supporter_adds(world)
    plan_url = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})
    client.force_login(world.person.user)
    assert "Hide from your care team" in client.get(plan_url).content.decode()
    assert client.post(entry_url(world, "plan_hide_entry", entry), {"hidden": "yes"}).status_code == 302
    mine = client.get(plan_url).content.decode()
    assert SISTERS_WORDS in mine and "Hidden from the care team" in mine
    client.force_login(world.practitioner)
    assert SISTERS_WORDS not in client.get(plan_url).content.decode()
    assert client.get(entry_url(world, "plan_answer_entry", entry)).status_code == 404
    version = plans.put_forward(world.staff, world.plan)
    assert SISTERS_WORDS not in str(version.snapshot) and SHARED_WORDS in str(version.snapshot)
    client.force_login(world.supporter)  # the supporter still sees their own words
    assert SISTERS_WORDS in client.get(plan_url).content.decode()
    client.force_login(world.person.user)
    client.post(entry_url(world, "plan_hide_entry", entry), {"hidden": "no"})
    client.force_login(world.practitioner)
    assert SISTERS_WORDS in client.get(plan_url).content.decode()


def test_only_the_person_hides_a_supporters_words(client, world):
    share(world, ["crisis"], adds=["crisis"])
    entry = supporter_adds(world)
    with pytest.raises(plans.PlanError, match="Only the person"):
        plans.hide_from_staff(world.staff, entry, hidden=True)
    client.force_login(world.supporter)
    assert client.post(entry_url(world, "plan_hide_entry", entry), {"hidden": "yes"}).status_code == 404
    persons = Entry.objects.get(voice=Voice.PERSON, section_key="crisis")
    with pytest.raises(plans.PlanError, match="Only a supporter's words"):
        plans.hide_from_staff(world.me, persons, hidden=True)
    assert not Entry.objects.filter(hidden_from_staff_at__isnull=False).exists()


def test_a_hidden_entry_of_one_supporter_is_not_shown_to_another(client, world):
    share(world, ["crisis"], adds=["crisis"])
    entry = supporter_adds(world)
    plans.hide_from_staff(world.me, entry, hidden=True)
    advocate = SupportRelationship.objects.get(person=world.person, kind="advocate")
    services.set_plan_sharing(world.me, advocate, world.plan, sections={"crisis"})
    client.force_login(world.advocate)
    page = client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk}))
    assert page.status_code == 200 and SISTERS_WORDS not in page.content.decode()


def test_stopping_adding_holds_from_the_next_request(client, world):
    share(world, ["crisis"], adds=["crisis"])
    client.force_login(world.supporter)
    assert client.get(add_url(world)).status_code == 200
    share(world, ["crisis"])  # still sees it, no longer adds
    assert client.post(add_url(world), {"text": SISTERS_WORDS}).status_code == 404
    plan_page = client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk}))
    assert plan_page.status_code == 200 and "Add your own words" not in plan_page.content.decode()
    assert not EntryRevision.objects.filter(fields__text=SISTERS_WORDS).exists()


def test_a_supporter_never_gives_the_persons_own_answers(client, world):
    share(world, ["crisis", "inventory"], adds=["crisis", "inventory"])
    client.force_login(world.supporter)
    url = add_url(world, "inventory", "self-harm")
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "yes"}).status_code == 404
    contact = add_url(world, "crisis", "contact")
    assert client.post(contact, {"name": "Jo", "phone": "07700 900002"}).status_code == 404
    with pytest.raises(plans.PlanError, match="the person's own answer"):
        plans.add_entry(
            as_(world, world.supporter),
            world.plan,
            section_key="inventory",
            item_key="self-harm",
            fields={"answer": "yes"},
            voice=Voice.SUPPORTER,
            mode=Mode.OWN,
            supporter=world.support,
        )
    assert not Entry.objects.filter(voice=Voice.SUPPORTER).exists()


def test_hiding_words_after_a_version_was_put_forward_keeps_them_from_staff(client, world):
    share(world, ["crisis"], adds=["crisis"])
    entry = supporter_adds(world)
    pending = plans.put_forward(world.staff, world.plan)
    assert SISTERS_WORDS in str(pending.snapshot)
    plans.hide_from_staff(world.me, entry, hidden=True)
    with pytest.raises(plans.PlanError):  # the plan moved on: the old version can no longer be agreed
        plans.sign_version(world.staff, pending, content_hash_seen=pending.content_hash)
    ids = {"person_id": world.person.pk, "plan_id": world.plan.pk}
    version = {**ids, "number": pending.number}
    client.force_login(world.practitioner)
    for url in [
        reverse("plan_version", kwargs=version),
        reverse("plan_compare", kwargs=ids) + f"?older={pending.number}&newer=draft",
    ]:
        response = client.get(url)
        assert response.status_code == 200 and SISTERS_WORDS not in response.content.decode(), url
    withhold_page = reverse(
        "withhold", kwargs={"person_id": world.person.pk, "object_type": "plan_entry", "object_id": entry.pk}
    )
    assert client.get(withhold_page).status_code == 404
    client.force_login(world.person.user)
    assert SISTERS_WORDS in client.get(reverse("plan_version", kwargs=version)).content.decode()

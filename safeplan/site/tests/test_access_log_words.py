"""The person's access log names, in plain words, what the people they chose read, the sharing they changed, the
invitations into their circle and the copies of their data taken (issue 11, item 8). The person's own lines ("You
shared …", "You downloaded …") are on their own pages only: never in anything the care team can see or take."""

import pytest
from django.urls import reverse
from django.utils import timezone

from safeplan.circle import invitations
from safeplan.circle import services as circle
from safeplan.circle.tests.conftest import CircleWorld
from safeplan.exports import services as exports
from safeplan.exports.document import access_log
from safeplan.people.access import resolve_access
from safeplan.people.access_log import YOU, visits
from safeplan.people.records import Writer

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def world(db, settings, tmp_path) -> CircleWorld:
    settings.TASKS = IMMEDIATE
    settings.EXPORTS_DIR = tmp_path / "exports"
    world = CircleWorld()
    world.support.relationship = "friend"
    world.support.save()
    return world


def writer(world, user) -> Writer:
    return Writer(user, resolve_access(user, world.person.pk))


def crisis_words(world) -> str:
    title = next(s["title"] for s in world.plan.template.sections if s["key"] == "crisis")
    return f"“{title}” from “{world.plan.title}”"


def log_page(client, world) -> str:
    client.force_login(world.person.user)
    return client.get(reverse("your_access_log")).content.decode()


def test_a_supporters_read_says_who_they_are_to_the_person_and_what_they_could_see(client, world):
    circle.set_plan_sharing(writer(world, world.person.user), world.support, world.plan, sections={"crisis"})
    client.force_login(world.supporter)
    plan_page = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})
    assert client.get(plan_page).status_code == 200
    latest = visits(world.person)[0][0]
    assert (latest.who, latest.role, latest.what) == (str(world.supporter), "supporter (friend)", "Looked at your plan")
    assert latest.why == "Shared with them by the person"
    assert latest.could_see == f"You shared {crisis_words(world)} with them"
    page = log_page(client, world)
    assert "supporter (friend)" in page and f"You shared {crisis_words(world)} with them" in page


def test_the_persons_sharing_changes_are_listed_as_theirs_on_their_own_page_only(client, world):
    me = writer(world, world.person.user)
    circle.set_plan_sharing(me, world.support, world.plan, sections={"crisis"})
    circle.set_plan_sharing(me, world.support, world.plan, sections=set())
    theirs = visits(world.person, yours=True)[0][0]
    assert theirs.who == YOU
    crisis, supporter = crisis_words(world), world.supporter
    assert theirs.what == f"Shared {crisis} with {supporter}, stopped sharing {crisis} with {supporter}"
    assert all(v.who != YOU for v in visits(world.person)[0])  # what anyone else is given has no "You" lines
    assert f"Shared {crisis_words(world)} with {world.supporter}" in log_page(client, world)


def test_invitations_into_the_circle_are_named_with_who_sent_them(client, world):
    invitations.invite(
        writer(world, world.practitioner),
        kind="advocate",
        name="Ada Advocate",
        email="ada@example.com",
        person_agreed_on=timezone.localdate(),
    )
    me = writer(world, world.person.user)
    mine, _ = invitations.invite(me, kind="supporter", name="Jo", email="j@example.com")
    invitations.withdraw(me, mine)
    found = visits(world.person, yours=True)[0]
    assert (found[0].who, found[0].what) == (
        YOU,
        "Invited someone to join your circle, withdrew an invitation to join your circle",
    )
    assert found[1].who == str(world.practitioner)  # in the same sitting as starting the plan
    assert found[1].what.endswith(", invited someone to join your circle")
    _, link = invitations.invite(me, kind="supporter", name="Jo", email="j@example.com")
    invitations.accept(link.rstrip("/").rsplit("/", 1)[1], world.advocate)
    latest = visits(world.person)[0][0]
    assert (latest.who, latest.what) == (str(world.advocate), "Accepted your invitation to join your circle")


def test_copies_of_all_the_data_are_listed_but_the_persons_own_never_reach_a_copy_the_care_team_takes(client, world):
    mine = exports.request_export(writer(world, world.person.user))
    client.force_login(world.person.user)
    download = reverse("export_download", kwargs={"person_id": world.person.pk, "export_id": mine.pk})
    assert client.get(download).status_code == 200
    circle.set_plan_sharing(writer(world, world.person.user), world.support, world.plan, sections={"crisis"})
    staff = writer(world, world.practitioner)
    theirs = exports.request_export(staff, received_on=timezone.localdate())
    client.force_login(world.practitioner)
    client.get(reverse("export_download", kwargs={"person_id": world.person.pk, "export_id": theirs.pk}))
    found = visits(world.person, yours=True)[0]
    assert (found[0].who, found[0].what) == (
        str(world.practitioner),
        "Started making a copy of all your data, downloaded a copy of all your data",
    )
    assert found[1].who == YOU and "Downloaded a copy of all your data" in found[1].what
    assert f"shared {crisis_words(world)} with {world.supporter}" in found[1].what
    assert "You" not in {line["who"] for line in access_log(world.person)}  # what a subject-access copy holds
    assert "Downloaded a copy of all your data" in log_page(client, world)

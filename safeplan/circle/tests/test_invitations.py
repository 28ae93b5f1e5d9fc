"""Inviting someone into the person's circle (issue 11, item 1; hazard: a do-not-contact person invited)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.circle import invitations
from safeplan.circle.models import Invitation
from safeplan.people.access import resolve_access
from safeplan.people.models import SupportRelationship, User
from safeplan.people.records import Writer
from safeplan.people.shares import Share
from safeplan.people.tests.factories import PASSWORD, UserFactory
from safeplan.plans import services as plan_services
from safeplan.plans.models import Mode, Voice


def writer(world, user) -> Writer:
    return Writer(user, resolve_access(user, world.person.pk))


def invite(world, user=None, **extra):
    user = user or world.person.user
    fields = {"kind": "supporter", "name": "Jo Example", "email": "jo@example.com", "relationship": "friend"}
    return invitations.invite(writer(world, user), **{**fields, **extra})


def token_of(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[1]


def test_the_person_invites_someone_and_they_get_a_single_use_link_by_email(world, mailoutbox):
    invitation, link = invite(world)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["jo@example.com"]
    assert link.endswith(f"/invitations/{token_of(link)}/") and link in mailoutbox[0].body
    assert token_of(link) not in invitation.token_hash and len(invitation.token_hash) == 64  # only the hash is kept
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    assert AuditEvent.objects.filter(object_type="invitation", action="create", person_id=world.person.pk).exists()


def test_accepting_with_a_new_account_links_it_and_shares_nothing_yet(client, world):
    _, link = invite(world)
    page = client.get(link)
    assert page.status_code == 200 and f"{world.person.name_to_use} has chosen you" in page.content.decode()
    data = {"display_name": "Jo Example", "username": "jo-example", "password": "three quiet harbour lamps"}
    assert client.post(link, data).status_code == 302
    jo = User.objects.get(username="jo-example")
    support = SupportRelationship.objects.get(user=jo, person=world.person)
    assert support.kind == "supporter" and support.relationship == "friend"
    assert not Share.objects.filter(support=support).exists()
    assert "Nothing has been shared with you yet" in client.get(reverse("supporting")).content.decode()
    assert (
        client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})).status_code == 404
    )


def test_a_signed_in_user_accepts_with_their_own_account(client, world):
    _, link = invite(world)
    someone = UserFactory()
    client.force_login(someone)
    assert client.post(link).status_code == 302
    assert SupportRelationship.objects.filter(user=someone, person=world.person).exists()


@pytest.mark.parametrize("state", ["used", "withdrawn", "expired", "wrong token", "replayed by someone else"])
def test_a_link_that_cannot_be_used_gets_a_clear_page_and_changes_nothing(client, world, state):
    invitation, link = invite(world)
    if state == "used":
        invitations.accept(token_of(link), UserFactory())
    elif state == "withdrawn":
        invitations.withdraw(writer(world, world.person.user), invitation)
    elif state == "wrong token":
        link = link[:-5] + "xxxx/"
    elif state == "replayed by someone else":
        invitations.accept(token_of(link), UserFactory())
    before = SupportRelationship.objects.count()
    moment = datetime.now(UTC) + (timedelta(days=8) if state == "expired" else timedelta())
    with time_machine.travel(moment):
        stranger = UserFactory()
        client.force_login(stranger)
        page = client.get(link)
        assert page.status_code in (404, 410)
        assert "This invitation cannot be used" in page.content.decode()
        assert client.post(link).status_code in (404, 410)
    assert SupportRelationship.objects.count() == before
    expected = {
        "used": "already been used",
        "replayed by someone else": "already been used",
        "withdrawn": "was withdrawn",
        "expired": "has expired",
        "wrong token": "not a safeplan invitation",
    }[state]
    assert expected in page.content.decode()


def test_a_link_accepted_once_cannot_link_a_second_account(world):
    _, link = invite(world)
    first, second = UserFactory(), UserFactory()
    before = SupportRelationship.objects.filter(person=world.person).count()
    invitations.accept(token_of(link), first)
    with pytest.raises(invitations.InvitationUnusable):
        invitations.accept(token_of(link), second)
    assert Invitation.objects.get().accepted_by == first
    assert SupportRelationship.objects.filter(person=world.person).count() == before + 1
    assert not SupportRelationship.objects.filter(user=second).exists()


def test_the_care_team_invites_only_by_recording_when_the_person_agreed(world):
    with pytest.raises(invitations.SharingError, match="Record when the person agreed"):
        invite(world, user=world.practitioner)
    invitation, _ = invite(world, user=world.practitioner, person_agreed_on=datetime.now(UTC).date())
    assert invitation.invited_by_role == "practitioner" and invitation.person_agreed_on is not None


def test_emergency_access_and_outsiders_cannot_invite(client, world):
    from safeplan.people import services as people_services

    people_services.start_break_glass(
        actor=people_services.SYSTEM,
        user=world.other_practitioner,
        nhs_number=world.person.nhs_number,
        reason="Crisis call",
    )
    url = reverse("circle", kwargs={"person_id": world.person.pk})
    data = {"kind": "supporter", "name": "Jo", "email": "jo@example.com", "person_agreed_on": "1/1/2026"}
    for user in [world.other_practitioner, world.oversight, world.supporter]:
        client.force_login(user)
        assert client.post(url, data).status_code == 404
    assert not Invitation.objects.exists()


def test_inviting_someone_on_the_do_not_contact_list_warns_and_needs_confirming(client, world):
    plan_services.add_entry(
        world.me,
        world.plan,
        section_key="crisis",
        item_key="do-not-contact",
        fields={"name": "Pat Example", "relationship": "father", "why": "It makes things worse"},
        voice=Voice.PERSON,
        mode=Mode.OWN,
    )
    client.force_login(world.person.user)
    url = reverse("circle", kwargs={"person_id": world.person.pk})
    data = {"kind": "supporter", "name": "Pat Example", "email": "pat@example.com"}
    warned = client.post(url, data)
    assert warned.status_code == 422 and "on the do-not-contact list" in warned.content.decode()
    assert not Invitation.objects.exists()
    assert client.post(url, {**data, "confirmed": "on"}).status_code == 200
    assert Invitation.objects.get().name == "Pat Example"


def test_the_person_sees_waiting_invitations_and_can_withdraw_one(client, world):
    invitation, link = invite(world)
    client.force_login(world.person.user)
    page = client.get(reverse("circle", kwargs={"person_id": world.person.pk})).content.decode()
    assert "Jo Example" in page and "Invitations waiting" in page
    url = reverse("circle_withdraw", kwargs={"person_id": world.person.pk, "invitation_id": invitation.pk})
    assert client.post(url).status_code == 302
    assert Invitation.objects.get().state == "withdrawn"
    client.logout()
    assert client.get(link).status_code == 410


def test_signing_in_from_the_invitation_comes_back_to_it(client, world):
    _, link = invite(world)
    page = client.get(link).content.decode()
    assert re.search(r'href="/accounts/login/\?next=/invitations/[^"]+/"', page)
    someone = UserFactory(username="jo-existing")
    client.post(reverse("login"), {"username": "jo-existing", "password": PASSWORD})
    assert client.post(link).status_code == 302
    assert SupportRelationship.objects.filter(user=someone, person=world.person).exists()

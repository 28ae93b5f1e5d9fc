"""The person's home says what others changed since they last looked, in plain words, one line for each person and
thing; "I've seen these" is theirs alone: nothing about it reaches staff (issue 11, item 6; principle 10; H28)."""

import re
from datetime import timedelta
from pathlib import Path

import time_machine
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.circle import invitations
from safeplan.people.access import resolve_access
from safeplan.people.access_log import news
from safeplan.people.records import Writer
from safeplan.people.tests.test_access import start_emergency_access
from safeplan.plans import services
from safeplan.plans.models import Mode, Voice
from safeplan.site.models import LastLooked
from safeplan.site.news import SHOWN, new_for
from safeplan.site.tests.test_your_record import add_contacts, start_crisis_plan

NEW = "New since you last looked"


def home(client, world) -> str:
    client.force_login(world.person.user)
    return client.get(reverse("your_record")).content.decode()


def new_part(page: str) -> str:
    """The "New since you last looked" part of the person's home."""
    return page[page.index(NEW) : page.index("Who has looked lately")]


def seen_through(page: str) -> str:
    return re.search(r'name="seen_through" value="(\d+)"', page).group(1)


def press_seen(client, world, value: str):
    client.force_login(world.person.user)
    return client.post(reverse("your_record_seen"), {"seen_through": value})


def as_actor(user, role: str) -> audit.Actor:
    return audit.Actor(user.pk, str(user), role)


def change_by(actor: audit.Actor, person, *, object_type="plan_entry", purpose="care", action="create", reason=""):
    return audit.record_now(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id="1",
        person_id=person.pk,
        purpose=purpose,
        reason=reason,
    )


def test_a_staff_change_shows_who_made_it_and_what_in_plain_words(client, world):
    plan = start_crisis_plan(world)
    add_contacts(world, plan, 2)
    part = new_part(home(client, world))
    assert f"{world.practitioner} (practitioner) started a plan and added 2 things to it" in part
    assert "just now" in part and "seen these" in part


def test_twenty_edits_to_one_plan_read_as_one_line_with_a_count(client, world):
    plan = start_crisis_plan(world)
    add_contacts(world, plan, 20)
    found = news(world.person).changes
    assert len(found) == 1 and found[0].count == 21
    assert found[0].what == "started a plan and added 20 things to it"
    assert new_part(home(client, world)).count(str(world.practitioner)) == 1


def test_the_persons_own_changes_are_not_news_to_them(client, world):
    plan = start_crisis_plan(world)
    me = Writer(world.person.user, resolve_access(world.person.user, world.person.pk))
    services.add_entry(
        me,
        plan,
        section_key="crisis",
        item_key="contact",
        fields={"name": "My sister", "phone": "07700 900002"},
        voice=Voice.PERSON,
        mode=Mode.OWN,
    )
    found = news(world.person).changes
    assert [(c.who, c.what) for c in found] == [(str(world.practitioner), "started a plan")]


def test_after_ive_seen_these_they_are_gone_and_a_later_change_is_new_again(client, world):
    plan = start_crisis_plan(world)
    add_contacts(world, plan, 3)
    page = home(client, world)
    assert press_seen(client, world, seen_through(page))["Location"].endswith("#new-since")
    part = new_part(home(client, world))
    assert "Nothing new since you last looked" in part and str(world.practitioner) not in part
    add_contacts(world, plan, 1)
    part = new_part(home(client, world))
    assert f"{world.practitioner} (practitioner) added to your plan" in part
    assert "added 3" not in part and "started a plan" not in part


def test_a_change_made_after_the_page_was_loaded_is_not_lost_by_pressing_the_button(client, world):
    start_crisis_plan(world)
    page = home(client, world)
    change_by(as_actor(world.lead, "team lead"), world.person, object_type="safety_plan", action="update")
    press_seen(client, world, seen_through(page))
    part = new_part(home(client, world))
    assert f"{world.lead} (team lead) changed your plan" in part
    assert "started a plan" not in part
    assert LastLooked.objects.get(user=world.person.user).seen_through == int(seen_through(page))


def test_a_forged_number_cannot_hide_changes_not_yet_made_nor_move_back(client, world):
    plan = start_crisis_plan(world)
    first = seen_through(home(client, world))
    press_seen(client, world, str(10**15))
    looked = LastLooked.objects.get(user=world.person.user)
    assert looked.seen_through == int(first)  # the newest real change, not the number posted
    add_contacts(world, plan, 1)
    assert "added to your plan" in new_part(home(client, world))
    press_seen(client, world, "1")  # an older number does not bring back what was seen
    press_seen(client, world, "not a number")
    assert LastLooked.objects.get(user=world.person.user).seen_through == looked.seen_through


def test_another_persons_changes_never_appear(client, world):
    change_by(as_actor(world.other_practitioner, "practitioner"), world.other_person)
    assert news(world.person).changes == []
    part = new_part(home(client, world))
    assert str(world.other_practitioner) not in part and "seen these" not in part


def test_changes_by_supporters_and_emergency_access_appear(client, world):
    invitation, link = invitations.invite(
        Writer(world.person.user, resolve_access(world.person.user, world.person.pk)),
        kind="supporter",
        name="Jo Example",
        email="jo@example.com",
    )
    invitations.accept(link.rstrip("/").rsplit("/", 1)[1], world.supporter)
    change_by(as_actor(world.advocate, "advocate"), world.person, purpose="shared")
    start_emergency_access(client, world.other_practitioner, world.person, reason="Crisis line call at 2am")
    part = new_part(home(client, world))
    sharing = reverse("circle_sharing")
    assert f'<a href="{sharing}">{world.supporter} (supporter) accepted your invitation to join your circle</a>' in part
    assert f"{world.advocate} (advocate) added to your plan" in part
    assert "Emergency access" in part and "Crisis line call at 2am" in part
    assert f"{world.other_practitioner} (practitioner) started emergency access to your record" in part
    assert "invited someone" not in part  # the person's own invitation is not news to them


def test_the_first_time_shows_changes_since_the_account_was_made_up_to_a_limit(client, world):
    with time_machine.travel(world.person.user.date_joined - timedelta(days=2)):
        change_by(as_actor(world.lead, "team lead"), world.person, object_type="safety_plan")
    kinds = ["safety_plan", "plan_version", "decision", "harm_check_in", "export", "plan_comparison", "person"]
    for kind in kinds:
        change_by(as_actor(world.practitioner, "practitioner"), world.person, object_type=kind)
    found = news(world.person, since=world.person.user.date_joined, limit=SHOWN)
    assert len(found.changes) == SHOWN and found.more
    part = new_part(home(client, world))
    assert str(world.lead) not in part  # before their account was made
    assert part.count(f"{world.practitioner} (practitioner)") == SHOWN
    assert f'<a href="{reverse("your_access_log")}">And more in your access log</a>' in part


def test_what_is_new_takes_at_most_two_queries(world, django_assert_max_num_queries):
    plan = start_crisis_plan(world)
    add_contacts(world, plan, 10)
    for user, role in [(world.lead, "team lead"), (world.supporter, "supporter"), (world.advocate, "advocate")]:
        for kind in ["plan_entry", "decision", "support", "invitation"]:
            change_by(as_actor(user, role), world.person, object_type=kind)
    user = world.person.user
    with django_assert_max_num_queries(2):
        found, looked = new_for(user, world.person)
    assert len(found.changes) == SHOWN and not looked
    LastLooked.objects.create(user=user, seen_through=1, seen_up_to=timezone.now())
    with django_assert_max_num_queries(2):
        found, looked = new_for(user, world.person)
    assert looked and found.changes


def test_only_the_person_may_press_ive_seen_these(client, world):
    start_crisis_plan(world)
    for name, user in [
        ("practitioner", world.practitioner),
        ("team lead", world.lead),
        ("supporter", world.supporter),
        *world.outsiders().items(),
    ]:
        if user == world.other_person.user:
            continue  # a person: their own button, for their own record (below)
        client.force_login(user)
        assert client.post(reverse("your_record_seen"), {"seen_through": "1"}).status_code == 404, name
    client.force_login(world.other_person.user)
    client.post(reverse("your_record_seen"), {"seen_through": "999999"})
    assert not LastLooked.objects.exists()  # nothing of this record is theirs to mark
    client.logout()
    assert client.post(reverse("your_record_seen"), {"seen_through": "1"}).status_code == 302  # to sign in
    client.force_login(world.person.user)
    assert client.get(reverse("your_record_seen")).status_code == 405
    assert not LastLooked.objects.exists()


def test_ive_seen_these_is_protected_from_cross_site_posts(world):
    start_crisis_plan(world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.person.user)
    assert client.post(reverse("your_record_seen"), {"seen_through": "999"}).status_code == 403
    assert not LastLooked.objects.exists()


def _staff_view(client, world) -> list[str]:
    """The care team's pages of this person, with what differs on every request (nonces, tokens) taken out."""
    client.force_login(world.practitioner)
    pages = [
        client.get(reverse("person_record", kwargs={"person_id": world.person.pk})).content.decode(),
        client.get(reverse("caseload")).content.decode(),
    ]
    return [re.sub(r'(nonce|value)="[^"]*"', r'\1=""', page) for page in pages]


def test_staff_pages_do_not_show_whether_or_when_the_person_looked(client, world):
    plan = start_crisis_plan(world)
    add_contacts(world, plan, 2)
    before = _staff_view(client, world)
    press_seen(client, world, seen_through(home(client, world)))
    assert LastLooked.objects.filter(user=world.person.user).exists()
    after = _staff_view(client, world)
    assert after == before
    for page in after:
        assert NEW not in page and "seen these" not in page and "last looked" not in page.lower()


def test_nothing_but_the_persons_own_pages_reads_when_they_last_looked():
    """No admin, staff page, export, measure or API names it: only the site's model, news and the person's views."""
    assert LastLooked not in admin.site._registry
    package = Path(__file__).resolve().parents[2]
    allowed = {"site/models.py", "site/news.py", "site/migrations/0001_initial.py"}
    found = {
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "/tests/" not in str(path) and ("LastLooked" in path.read_text() or "site.news" in path.read_text())
    }
    assert found <= allowed | {"site/views/record.py"}, found - allowed

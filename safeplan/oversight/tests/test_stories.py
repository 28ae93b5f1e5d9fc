"""Practice stories: written by the care team only with the date the person agreed, refused if they name the person;
read by staff of the organisation without any link to the record; withdrawn the moment the person takes their
agreement back; and nobody outside the care team and the person reaches the record's page of them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.oversight import stories
from safeplan.oversight.models import PracticeStory
from safeplan.people.access import resolve_access
from safeplan.people.records import Writer
from safeplan.people.tests.conftest import World
from safeplan.people.tests.factories import OrganisationFactory, StaffRoleFactory

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=ZoneInfo("Europe/London"))
GOOD = {
    "kind": "positive_risk",
    "title": "Back to the allotment",
    "story": "After leaving hospital they wanted to go back to their allotment alone. We weighed it together.",
    "learned": "Ask what stopping would cost.",
}


@pytest.fixture
def world(db) -> World:
    return World()


def as_(world, user) -> Writer:
    return Writer(user, resolve_access(user, world.person.pk))


def a_story(world, **changes) -> PracticeStory:
    return stories.write(as_(world, world.practitioner), **{**GOOD, "agreed_on": date(2026, 11, 1), **changes})


def page(world):
    return reverse("practice_stories", kwargs={"person_id": world.person.pk})


def test_a_story_that_names_the_person_is_refused(world):
    first = world.person.full_name.split()[0]
    for words in (f"{first} went back to the allotment.", f"NHS number {world.person.nhs_number}"):
        with pytest.raises(stories.StoryError):
            a_story(world, story=words)
    assert not PracticeStory.objects.exists()


def test_only_the_care_team_writes_one_and_only_with_the_date_they_agreed(client, world):
    with pytest.raises(stories.StoryError):
        stories.write(as_(world, world.person.user), **GOOD, agreed_on=date(2026, 11, 1))
    client.force_login(world.practitioner)
    with time_machine.travel(NOW, tick=False):
        response = client.post(page(world), {"form": "story", **GOOD, "nothing_identifying": "on"})
        assert response.status_code == 422 and "Enter when they agreed" in response.content.decode()
        response = client.post(page(world), {"form": "story", **GOOD, "agreed_on": "1/11/2026"})
        assert response.status_code == 422 and "anything that could identify them" in response.content.decode()
        assert not PracticeStory.objects.exists()
        response = client.post(
            page(world), {"form": "story", **GOOD, "agreed_on": "1/11/2026", "nothing_identifying": "on"}
        )
    assert response.status_code == 302 and PracticeStory.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="practice_story", action="create", person_id=world.person.pk).exists()


def test_staff_read_it_without_any_link_to_the_record_and_others_do_not(client, world):
    story = a_story(world)
    for user in (world.other_practitioner, world.oversight, world.lead):
        client.force_login(user)
        library = client.get(reverse("stories")).content.decode()
        assert "Back to the allotment" in library
        text = client.get(reverse("story", kwargs={"story_id": story.pk})).content.decode()
        assert GOOD["story"] in text
        for leak in (str(world.person.pk), world.person.full_name, world.person.nhs_number, str(world.practitioner)):
            assert leak not in text and leak not in library
    elsewhere = StaffRoleFactory(team=None, organisation=OrganisationFactory(), role="oversight").user
    client.force_login(elsewhere)
    assert "Back to the allotment" not in client.get(reverse("stories")).content.decode()  # their own library
    assert client.get(reverse("story", kwargs={"story_id": story.pk})).status_code == 404
    for user in (world.person.user, world.supporter):
        client.force_login(user)
        assert client.get(reverse("story", kwargs={"story_id": story.pk})).status_code == 404
        assert client.get(reverse("stories")).status_code == 404


def test_the_person_takes_their_agreement_back_and_the_story_is_gone_at_once(client, world):
    story = a_story(world)
    client.force_login(world.person.user)
    text = client.get(page(world)).content.decode()
    assert "Back to the allotment" in text and "Take back my agreement" in text
    response = client.post(page(world), {"form": "withdraw", "story": story.pk})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.withdrawn_at is not None and story.withdrawn_by == world.person.user
    client.force_login(world.other_practitioner)
    assert "Back to the allotment" not in client.get(reverse("stories")).content.decode()
    assert client.get(reverse("story", kwargs={"story_id": story.pk})).status_code == 404
    client.force_login(world.person.user)
    assert "Withdrawn" in client.get(page(world)).content.decode()


def test_outsiders_reach_no_record_page_of_stories(client, world):
    a_story(world)
    for user in world.outsiders().values():
        client.force_login(user)
        assert client.get(page(world)).status_code == 404
        assert client.post(page(world), {"form": "withdraw", "story": 1}).status_code == 404
    assert PracticeStory.objects.filter(withdrawn_at__isnull=True).count() == 1

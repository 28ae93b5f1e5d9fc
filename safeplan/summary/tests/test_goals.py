"""Personal goals (issue 13, item 2): the person's own goals with the steps and who helps, linked to the plans and
decisions that serve them; written by the person or the care team with them, never by a supporter; a change made
from an older revision is refused and loses nothing; every revision is kept."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from safeplan.people.access import resolve_access
from safeplan.people.capabilities import ref
from safeplan.people.records import Writer
from safeplan.people.shares import Share
from safeplan.plans.tests.conftest import PlanWorld
from safeplan.summary import services
from safeplan.summary.models import GoalRevision

GOAL = "Go back to college in September"


@pytest.fixture
def world(db) -> PlanWorld:
    return PlanWorld()


def writer(world, user) -> Writer:
    return Writer(user, resolve_access(user, world.person.pk))


def test_the_person_adds_a_goal_served_by_their_plan_and_it_shows_on_the_summary(client, world):
    client.force_login(world.person.user)
    add = reverse("goal_add", kwargs={"person_id": world.person.pk})
    serves = ref("plan", world.plan.pk)
    assert serves in client.get(add).content.decode()
    response = client.post(add, {"words": GOAL, "steps": "Ring them in June", "who_helps": "Jo", "serves": [serves]})
    assert response.status_code == 302
    page = client.get(reverse("summary", kwargs={"person_id": world.person.pk})).content.decode()
    plan_link = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})
    assert GOAL in page and "Ring them in June" in page and plan_link in page


def test_a_goal_serves_only_what_the_writer_may_see_of_this_person(world):
    for elsewhere in [ref("plan", uuid.uuid4()), "plan:not-a-reference", ref("decision", world.plan.pk)]:
        with pytest.raises(services.SummaryError, match="from the list"):
            services.add_goal(writer(world, world.person.user), words=GOAL, serves=[elsewhere])
    with pytest.raises(services.SummaryError, match="Say what you want to do"):
        services.add_goal(writer(world, world.person.user), words="  ")


def test_a_change_from_an_older_revision_is_refused_and_nothing_is_lost(client, world):
    goal = services.add_goal(writer(world, world.person.user), words=GOAL)
    services.change_goal(writer(world, world.practitioner), goal, based_on=1, words=GOAL, steps="Ask about two days")
    client.force_login(world.person.user)
    change = reverse("goal_change", kwargs={"person_id": world.person.pk, "goal_id": goal.pk})
    response = client.post(change, {"words": "Go back to college", "based_on": "1"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this goal" in page and "Ask about two days" in page
    assert list(GoalRevision.objects.filter(goal=goal).values_list("number", "steps")) == [
        (1, ""),
        (2, "Ask about two days"),
    ]
    assert (
        client.post(change, {"words": GOAL, "steps": "Ask about two days", "ended": "on", "based_on": "2"}).status_code
        == 302
    )
    page = client.get(reverse("summary", kwargs={"person_id": world.person.pk})).content.decode()
    assert "Done or set aside: Go back to college in September" in page


def test_a_supporter_reads_goals_on_a_shared_summary_but_never_writes_one(client, world):
    support = world.person.supporters.get(user=world.supporter)
    Share.objects.create(
        support=support,
        object_type="summary",
        object_id=str(world.person.pk),
        part="",
        shared_at=timezone.now(),
        shared_by=world.person.user,
    )
    services.add_goal(writer(world, world.person.user), words=GOAL)
    client.force_login(world.supporter)
    assert GOAL in client.get(reverse("summary", kwargs={"person_id": world.person.pk})).content.decode()
    assert client.get(reverse("goal_add", kwargs={"person_id": world.person.pk})).status_code == 404
    with pytest.raises(services.SummaryError):
        services.add_goal(writer(world, world.supporter), words="Something for them")

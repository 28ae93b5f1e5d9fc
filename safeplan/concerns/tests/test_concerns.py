"""Concerns and compliments (issue 12, first slice): raising one online or recording one that came another way, time
limits from the policy in force when it was received, who may raise and see a case, and each step of it."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.circle import services as circle
from safeplan.concerns import services
from safeplan.concerns.models import ComplaintsPolicy, Concern, State, Step
from safeplan.concerns.queries import late_cases
from safeplan.concerns.working_days import add_working_days
from safeplan.core.immutability import ImmutableRecord
from safeplan.people.access import resolve_access
from safeplan.people.models import SupportRelationship
from safeplan.people.records import Writer
from safeplan.people.tests.conftest import World

WHAT = "The crisis line number in my plan rang out twice on Saturday night"


@pytest.fixture
def world(db) -> World:
    return World()


def as_(world, user) -> Writer:
    return Writer(user, resolve_access(user, world.person.pk))


def raise_one(world, user=None, **kwargs) -> Concern:
    fields = {"kind": "concern", "about": services.About("the crisis line"), "what_happened": WHAT, **kwargs}
    return services.raise_concern(as_(world, user or world.person.user), **fields)


def form(**extra) -> dict:
    return {
        "kind": "concern",
        "about": "else",
        "about_else": "the crisis line",
        "what_happened": WHAT,
        "contact_ok": "yes",
        **extra,
    }


def share_something(world, support_user, kind="supporter") -> SupportRelationship:
    support = SupportRelationship.objects.get(user=support_user, person=world.person)
    from safeplan.people.shares import Share

    Share.objects.create(
        support=support,
        object_type="plan",
        object_id="00000000-0000-0000-0000-000000000000",
        part="crisis",
        shared_at=timezone.now(),
        shared_by=world.person.user,
    )
    return support


def test_the_person_raises_a_concern_and_follows_it(client, world):
    client.force_login(world.person.user)
    url = reverse("concern_raise", kwargs={"person_id": world.person.pk})
    page = client.get(url).content.decode()
    assert "never changes anything else about your care" in page
    seq = AuditEvent.objects.count()
    response = client.post(url, form())
    assert response.status_code == 302
    concern = Concern.objects.get()
    today = timezone.localdate()
    assert concern.acknowledge_by == add_working_days(today, 3, "england")
    assert concern.respond_by == add_working_days(today, 25, "england")
    assert (concern.raised_by_role, concern.person_follows, concern.state) == ("the person", True, State.RECEIVED)
    created = AuditEvent.objects.get(seq__gt=seq, action="create")
    assert (created.object_type, created.person_id) == ("concern", world.person.pk)
    case = client.get(response["Location"]).content.decode()
    assert WHAT in case and "Acknowledgement due by" in case


def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_saved(client, world):
    client.force_login(world.person.user)
    url = reverse("concern_raise", kwargs={"person_id": world.person.pk})
    for bad, message in [
        (form(what_happened=""), "Say what happened"),
        (form(about_else=""), "Say what it is about"),
        (form(event_on="31/2/2026"), "Enter the date as day/month/year"),
        (form(event_on=(date.today() + timedelta(days=2)).strftime("%d/%m/%Y")), "cannot be in the future"),
    ]:
        response = client.post(url, bad)
        assert response.status_code == 422 and message in response.content.decode(), message
    assert not Concern.objects.exists()


def test_a_policy_change_moves_only_the_dates_of_cases_received_after_it(world):
    before = raise_one(world)
    ComplaintsPolicy.objects.create(
        organisation=world.org,
        nation="wales",
        acknowledge_days=2,
        respond_days=30,
        ombudsman_name="the Public Services Ombudsman for Wales",
        ombudsman_phone="0300 790 0203",
        ombudsman_url="https://www.ombudsman.wales",
        effective_from=timezone.now(),
    )
    after = raise_one(world)
    before.refresh_from_db()
    today = timezone.localdate()
    assert before.respond_by == add_working_days(today, 25, "england") and before.nation == "england"
    assert after.respond_by == add_working_days(today, 30, "wales") and after.nation == "wales"


def test_a_supporter_without_sharing_cannot_raise_or_see_a_concern(client, world):
    raise_one(world)
    client.force_login(world.supporter)
    assert client.get(reverse("concern_list", kwargs={"person_id": world.person.pk})).status_code == 404
    url = reverse("concern_raise", kwargs={"person_id": world.person.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, form()).status_code == 404
    assert Concern.objects.count() == 1


def test_a_supporter_raises_their_own_concern_and_sees_only_their_own(client, world):
    persons = raise_one(world)
    share_something(world, world.supporter)
    client.force_login(world.supporter)
    assert client.post(reverse("concern_raise", kwargs={"person_id": world.person.pk}), form()).status_code == 302
    theirs = Concern.objects.exclude(pk=persons.pk).get()
    assert (theirs.raised_by, theirs.person_follows) == (world.supporter, False)
    listing = client.get(reverse("concern_list", kwargs={"person_id": world.person.pk})).content.decode()
    assert str(theirs.pk) in listing and str(persons.pk) not in listing
    page = reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": persons.pk})
    assert client.get(page).status_code == 404
    client.force_login(world.person.user)  # the supporter's own concern is theirs to follow
    own = reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": theirs.pk})
    assert client.get(own).status_code == 404


def test_an_advocate_raises_for_the_person_only_with_their_consent(client, world):
    support = share_something(world, world.advocate)
    client.force_login(world.advocate)
    url = reverse("concern_raise", kwargs={"person_id": world.person.pk})
    assert client.get(url).status_code == 404 and client.post(url, form()).status_code == 404
    me = as_(world, world.person.user)
    circle.set_sharing(me, support, circle.acting_for(world.person), parts={"raise_concerns"})
    assert client.post(url, form()).status_code == 302
    concern = Concern.objects.get()
    assert concern.on_behalf and concern.person_follows
    client.force_login(world.person.user)
    page = reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": concern.pk})
    assert client.get(page).status_code == 200


def test_staff_outside_the_care_team_see_nothing(client, world):
    concern = raise_one(world)
    for outsider in world.outsiders().values():
        client.force_login(outsider)
        for url in [
            reverse("concern_list", kwargs={"person_id": world.person.pk}),
            reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": concern.pk}),
        ]:
            assert client.get(url).status_code == 404, (outsider, url)


def test_the_care_team_records_a_concern_that_came_by_phone(client, world):
    client.force_login(world.practitioner)
    url = reverse("concern_raise", kwargs={"person_id": world.person.pk})
    missing = client.post(url, form())
    assert missing.status_code == 422 and not Concern.objects.exists()
    received = date(2026, 11, 20)
    phone = {
        "received_how": "phone",
        "received_on": "20/11/2026",
        "raised_by_name": "Jo Ellison",
        "raised_by_role": "their mother",
        "for_the_person": "no",
    }
    assert client.post(url, form(**phone)).status_code == 302
    concern = Concern.objects.get()
    assert (concern.received_on, concern.received_how, concern.person_follows) == (received, "phone", False)
    assert concern.acknowledge_by == add_working_days(received, 3, "england")


def test_a_concern_past_the_time_limit_needs_a_reason_when_staff_record_it(world):
    old = date.today() - timedelta(days=400)
    phone = {
        "received_how": "phone",
        "received_on": date.today(),
        "raised_by_name": "the person",
        "raised_by_role": "the person",
    }
    with pytest.raises(services.ConcernError, match="more than 12 months"):
        raise_one(world, world.practitioner, event_on=old, **phone)
    late = raise_one(world, world.practitioner, event_on=old, late_accepted_reason="In hospital until now", **phone)
    assert late.late_accepted_reason == "In hospital until now"


def test_each_step_is_audited_and_kept_and_a_stale_step_is_refused(world):
    concern = raise_one(world)
    staff = as_(world, world.practitioner)
    seq = AuditEvent.objects.count()
    services.acknowledge(staff, concern, "Rang and offered to meet")
    with pytest.raises(services.ConcernError, match="already moved"):
        services.acknowledge(as_(world, world.lead), Concern.objects.get(pk=concern.pk), "again")
    services.take_on(staff, concern)
    with pytest.raises(services.ConcernError, match="how it was looked into"):
        services.respond(staff, concern, how_looked_into=" ", found="x", will_change="y")
    services.respond(
        staff, concern, how_looked_into="Rang the line", found="It was down", will_change="A second number"
    )
    services.close(staff, concern)
    states = list(Step.objects.filter(concern=concern).values_list("state", flat=True))
    assert states == ["received", "acknowledged", "looking_into", "responded", "closed"]
    audited = AuditEvent.objects.filter(seq__gt=seq, object_type="concern").values_list("object_version", flat=True)
    assert list(audited) == ["acknowledged", "looking_into", "responded", "closed"]
    step = Step.objects.filter(concern=concern).first()
    step.note = "rewritten"
    with pytest.raises(ImmutableRecord):
        step.save()


def test_only_the_care_team_moves_a_case_on(client, world):
    concern = raise_one(world)
    for user in [world.person.user]:
        with pytest.raises(services.ConcernError, match="care team"):
            services.acknowledge(as_(world, user), concern)
    client.force_login(world.person.user)
    url = reverse("concern_step", kwargs={"person_id": world.person.pk, "concern_id": concern.pk, "step": "close"})
    assert client.post(url, {}).status_code == 404
    concern.refresh_from_db()
    assert concern.state == State.RECEIVED


def test_the_response_has_its_parts_and_the_ombudsman_and_the_raiser_says_if_satisfied(client, world):
    concern = raise_one(world)
    staff = as_(world, world.practitioner)
    services.acknowledge(staff, concern)
    services.respond(staff, concern, how_looked_into="We rang it", found="It was down", will_change="A backup line")
    with pytest.raises(services.ConcernError, match="Only whoever raised it"):
        services.say_satisfied(staff, concern, answer="yes")
    client.force_login(world.person.user)
    url = reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": concern.pk})
    page = client.get(url).content.decode()
    for part in ["We rang it", "It was down", "A backup line", "Parliamentary and Health Service Ombudsman"]:
        assert part in page
    assert client.post(url, {"answer": "partly", "words": "Thank you"}).status_code == 302
    assert "partly" in client.get(url).content.decode()


def test_a_late_acknowledgement_says_so_plainly_and_reaches_the_late_list(client, world):
    concern = raise_one(world)
    assert not late_cases([world.person.pk]).exists()
    later = timezone.now() + timedelta(days=10)
    with time_machine.travel(later):
        assert list(late_cases([world.person.pk])) == [concern]
        client.force_login(world.person.user)
        url = reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": concern.pk})
        assert "it is late" in client.get(url).content.decode()


def test_a_supporter_can_only_name_what_is_shared_with_them(client, world):
    from safeplan.plans import services as plans
    from safeplan.plans.models import PlanTemplate
    from safeplan.plans.tests.conftest import writer as plan_writer

    template = PlanTemplate.objects.get(organisation=None, key="person-centred", version=1)
    shared = plans.start_plan(plan_writer(world.practitioner, world.person), template)
    private = plans.start_plan(plan_writer(world.practitioner, world.person), template, purpose="Private plan")
    support = SupportRelationship.objects.get(user=world.supporter, person=world.person)
    circle.set_plan_sharing(as_(world, world.person.user), support, shared, sections={"crisis"})
    client.force_login(world.supporter)
    url = reverse("concern_raise", kwargs={"person_id": world.person.pk})
    page = client.get(url).content.decode()
    assert f"plan:{shared.pk}:" in page and "Private plan" not in page and str(private.pk) not in page
    response = client.post(url, form(about=f"plan:{private.pk}:"))
    assert response.status_code == 422 and not Concern.objects.exists()
    assert client.post(url, form(about=f"plan:{shared.pk}:")).status_code == 302
    assert Concern.objects.get().about_id == str(shared.pk)


def test_a_late_concern_is_flagged_on_the_caseload(client, world):
    raise_one(world)
    client.force_login(world.lead)
    assert "Concern late" not in client.get(reverse("caseload")).content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=10)):
        client.force_login(world.lead)
        assert "Concern late" in client.get(reverse("caseload")).content.decode()


def test_all_my_data_holds_the_cases_the_person_follows_and_validates(world):
    from safeplan.concerns.export import export_concerns
    from safeplan.exports import schema

    mine = raise_one(world)
    staff = as_(world, world.practitioner)
    services.acknowledge(staff, mine, "Rang to offer a meeting")
    services.respond(staff, mine, how_looked_into="We rang it", found="It was down", will_change="A backup line")
    share_something(world, world.supporter)
    raise_one(world, world.supporter, what_happened="The supporter's own concern")
    [case] = export_concerns(world.person)["concerns"]
    assert case["id"] == str(mine.pk) and case["response"]["found"] == "It was down"
    assert [step["state"] for step in case["steps"]] == ["received", "acknowledged", "responded"]
    part = schema.schema()["properties"]["records"]["properties"]["concerns"]
    assert schema.errors({"concerns": [case]}, part) == []
    assert schema.errors({"concerns": [{**case, "kind": "gossip"}]}, part) != []  # the check can fail


def test_a_supporter_called_an_advocate_in_words_still_raises_their_own_concern(world):
    support = share_something(world, world.supporter)
    support.relationship = "advocate"  # free text: it must not make the person follow the supporter's own case
    support.save()
    concern = raise_one(world, world.supporter)
    assert (concern.raised_by_role, concern.person_follows, concern.on_behalf) == ("their advocate", False, False)


def test_a_refused_step_says_why_on_the_case_page(client, world):
    concern = raise_one(world)
    client.force_login(world.practitioner)
    ids = {"person_id": world.person.pk, "concern_id": concern.pk}
    close = client.post(reverse("concern_step", kwargs={**ids, "step": "close"}), {})
    page = close.content.decode()
    assert close.status_code == 422 and "Send the response first" in page and "There is a problem" in page
    past = (date.today() - timedelta(days=1)).strftime("%d/%m/%Y")
    new_date = client.post(
        reverse("concern_step", kwargs={**ids, "step": "new-date"}), {"respond_by": past, "reason": "x"}
    )
    assert new_date.status_code == 422 and "must be after today" in new_date.content.decode()
    concern.refresh_from_db()
    assert concern.state == State.RECEIVED and Step.objects.filter(concern=concern).count() == 1


def test_the_delay_letter_is_due_at_six_months_and_recorded_when_sent(client, world):
    from safeplan.concerns import presenters

    concern = raise_one(world)
    services.acknowledge(as_(world, world.practitioner), concern)
    with time_machine.travel(timezone.now() + timedelta(days=190)):
        assert any("letter explaining the delay" in due.text and due.late for due in presenters.dues(concern))
        client.force_login(world.practitioner)
        url = reverse(
            "concern_step", kwargs={"person_id": world.person.pk, "concern_id": concern.pk, "step": "delay-letter"}
        )
        assert client.post(url, {"letter-note": ""}).status_code == 422
        assert client.post(url, {"letter-note": "We wrote to say the review needs another month"}).status_code == 302
        assert not any("letter explaining the delay" in due.text for due in presenters.dues(concern))
        client.force_login(world.person.user)
        case = client.get(reverse("concern", kwargs={"person_id": world.person.pk, "concern_id": concern.pk}))
        assert "A letter explaining the delay was sent" in case.content.decode()


def test_a_concern_received_before_a_policy_change_keeps_the_old_time_limits_when_recorded_after(world):
    received = timezone.localdate() - timedelta(days=3)
    ComplaintsPolicy.objects.create(
        organisation=world.org,
        nation="scotland",
        acknowledge_days=5,
        respond_days=20,
        ombudsman_name="the Scottish Public Services Ombudsman",
        ombudsman_phone="0800 377 7330",
        ombudsman_url="https://www.spso.org.uk",
        effective_from=timezone.now() - timedelta(days=1),
    )
    phone = {"received_how": "phone", "received_on": received, "raised_by_name": "Sam", "raised_by_role": "the person"}
    concern = raise_one(world, world.practitioner, **phone)
    assert concern.nation == "england" and concern.respond_by == add_working_days(received, 25, "england")


def test_staff_never_say_they_are_satisfied_for_the_raiser(world):
    phone = {"received_how": "phone", "received_on": date.today(), "raised_by_name": "Sam", "raised_by_role": "mother"}
    concern = raise_one(world, world.practitioner, **phone)
    staff = as_(world, world.practitioner)
    services.acknowledge(staff, concern)
    services.respond(staff, concern, how_looked_into="Rang", found="Found", will_change="Change")
    with pytest.raises(services.ConcernError, match="Only whoever raised it"):
        services.say_satisfied(staff, concern, answer="yes")

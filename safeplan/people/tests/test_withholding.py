"""Withholding something from the person (issue 11, item 5; docs/adr/0010-withheld-items.md; hazard H27): only the
care team decides, with a reason and a review date; bad input changes nothing; releasing is audited; a team lead
sees withholdings past their review date for the people their teams care for, and nobody else does."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.people import services as people_services
from safeplan.people.access import resolve_access
from safeplan.people.records import Writer
from safeplan.people.shares import Share
from safeplan.people.withholding import Withholding, past_review_for, withheld_ids
from safeplan.people.withholding_services import WithholdingError, latest_review_date, release, withhold
from safeplan.plans import services as plan_services
from safeplan.plans.models import Mode, Voice
from safeplan.plans.tests.conftest import PlanWorld

REASON = "Seeing this now would be likely to cause serious harm to their mental health."


class WithholdingWorld(PlanWorld):
    def __init__(self):
        super().__init__()
        self.entry = self.team_writes(text="A note the team wrote")
        self.own_words = self.person_writes(text="My own words")
        self.support = self.person.supporters.get(user=self.supporter)
        Share.objects.create(
            support=self.support,
            object_type="plan",
            object_id=str(self.plan.pk),
            part="",
            shared_at=timezone.now(),
            shared_by=self.person.user,
        )

    def as_writer(self, user) -> Writer:
        access = resolve_access(user, self.person.pk)
        assert access is not None
        return Writer(user, access)

    def emergency(self) -> Writer:
        people_services.start_break_glass(
            actor=people_services.SYSTEM,
            user=self.other_lead,
            nhs_number=self.person.nhs_number,
            reason="Out of hours call about crisis contacts",
        )
        return self.as_writer(self.other_lead)

    def withhold(self, writer=None, **kwargs) -> Withholding:
        values = {"reason": REASON, "review_on": date.today() + timedelta(days=30), **kwargs}
        return withhold(writer or self.staff, "plan_entry", self.entry.pk, **values)

    def withhold_url(self, entry=None) -> str:
        entry = entry or self.entry
        kwargs = {"person_id": self.person.pk, "object_type": "plan_entry", "object_id": entry.pk}
        return reverse("withhold", kwargs=kwargs)


@pytest.fixture
def world(db) -> WithholdingWorld:
    return WithholdingWorld()


def test_only_the_care_team_can_withhold_or_release(world):
    refused = {"the person": world.me, "a supporter it is shared with": world.as_writer(world.supporter)}
    refused["emergency access"] = world.emergency()
    for who, writer in refused.items():
        with pytest.raises(WithholdingError):
            world.withhold(writer)
        assert not Withholding.objects.exists(), who
    row = world.withhold()
    for who, writer in refused.items():
        with pytest.raises(WithholdingError):
            release(writer, row)
        row.refresh_from_db()
        assert row.released_at is None, who
    assert withheld_ids(world.person, "plan_entry") == {str(world.entry.pk)}


@pytest.mark.parametrize(
    "bad",
    [
        {"reason": "Too upsetting"},
        {"reason": " " * 40},
        {"review_on": None},
        {"review_on": date.today() - timedelta(days=1)},
        {"review_on": latest_review_date(date.today()) + timedelta(days=1)},
    ],
)
def test_a_withholding_without_a_real_reason_or_a_sound_review_date_is_refused_and_changes_nothing(world, bad):
    seq = AuditEvent.objects.count()
    with pytest.raises(WithholdingError):
        world.withhold(**bad)
    assert not Withholding.objects.exists()
    assert AuditEvent.objects.count() == seq


def test_only_things_in_this_record_and_never_the_persons_own_words_are_withheld(world):
    with pytest.raises(WithholdingError, match="own words"):
        withhold(world.staff, "plan_entry", world.own_words.pk, reason=REASON, review_on=date.today())
    theirs = Writer(world.other_practitioner, resolve_access(world.other_practitioner, world.other_person.pk))
    elsewhere = plan_services.add_entry(
        theirs,
        plan_services.start_plan(theirs, world.template),
        section_key="staying-well",
        item_key="team-thinks-helps",
        fields={"text": "Someone else's record"},
        voice=Voice.CARE_TEAM,
        mode=Mode.OWN,
    )
    for object_type, object_id in [("plan_entry", elsewhere.pk), ("plan_entry", "nope"), ("person", world.person.pk)]:
        with pytest.raises(WithholdingError, match="not part of this record"):
            withhold(world.staff, object_type, object_id, reason=REASON, review_on=date.today())
    assert not Withholding.objects.exists()


def test_withholding_reviewing_and_releasing_are_each_audited_with_the_change(world):
    seq = AuditEvent.objects.count()
    first = world.withhold()
    second = world.withhold(reason=REASON + " Still true after talking it over.")
    first.refresh_from_db()
    assert first.released_at is not None and second.released_at is None  # the earlier decision stays on record
    release(world.staff, second, note="Talked it through with them today.")
    second.refresh_from_db()
    assert (second.released_by, second.release_note) == (world.practitioner, "Talked it through with them today.")
    rows = AuditEvent.objects.filter(seq__gt=seq).values_list("action", "object_type", "object_version", "person_id")
    assert list(rows) == [
        ("create", "withholding", "plan_entry", world.person.pk),
        ("update", "withholding", "plan_entry", world.person.pk),
        ("update", "withholding", "released", world.person.pk),
    ]
    with pytest.raises(WithholdingError, match="already been released"):
        release(world.staff, second)
    assert withheld_ids(world.person, "plan_entry") == set()


def test_a_team_lead_sees_withholdings_past_their_review_date_for_their_teams_people_only(client, world):
    row = world.withhold(review_on=date.today() + timedelta(days=10))
    assert past_review_for(world.lead) == []  # not past its date yet
    with time_machine.travel(datetime.now(UTC) + timedelta(days=12)):
        assert past_review_for(world.lead) == [row]
        for user in [world.practitioner, world.other_lead, world.other_practitioner, world.person.user]:
            assert past_review_for(user) == []
        client.force_login(world.lead)
        seq = AuditEvent.objects.count()
        response = client.get(reverse("withheld_past_review"))
        assert response.status_code == 200
        page = response.content.decode()
        assert world.person.full_name in page and "An entry in a plan" in page and world.withhold_url() in page
        assert "Withholdings to review" in page  # in the team lead's navigation
        assert list(AuditEvent.objects.filter(seq__gt=seq).values_list("action", "object_type", "object_id")) == [
            ("list", "withheld_past_review", "1 shown")
        ]
        client.force_login(world.other_lead)
        other = client.get(reverse("withheld_past_review")).content.decode()
        assert world.person.full_name not in other and "Nothing withheld" in other
        for user in [world.practitioner, world.person.user, world.supporter, world.oversight]:
            client.force_login(user)
            assert client.get(reverse("withheld_past_review")).status_code == 404
    release(world.staff, row)
    with time_machine.travel(datetime.now(UTC) + timedelta(days=12)):
        assert past_review_for(world.lead) == []


def test_the_withhold_and_release_pages_are_not_found_for_everyone_but_the_care_team(client, world):
    row = world.withhold()
    release_url = reverse("release_withholding", kwargs={"person_id": world.person.pk, "withholding_id": row.pk})
    other_entry = world.team_writes(text="Another note")
    world.emergency()
    users = {"the person": world.person.user, "a supporter it is shared with": world.supporter}
    users["emergency access"] = world.other_lead
    users |= world.outsiders()
    for who, user in users.items():
        client.force_login(user)
        for method, url in [
            ("get", world.withhold_url(other_entry)),
            ("post", world.withhold_url(other_entry)),
            ("get", release_url),
            ("post", release_url),
        ]:
            seq = AuditEvent.objects.count()
            response = getattr(client, method)(url, {"reason": REASON, "review_on": "1/1/2099", "note": ""})
            assert response.status_code == 404, (who, method, url)
            assert "A note the team wrote" not in response.content.decode()
            assert AuditEvent.objects.filter(seq__gt=seq).values_list("action", flat=True).get() == "denied"
    assert Withholding.objects.current().count() == 1 and not Withholding.objects.filter(object_id=other_entry.pk)


def test_a_bad_withholding_form_answers_422_with_the_error_summary_and_changes_nothing(client, world):
    client.force_login(world.practitioner)
    page = client.get(world.withhold_url())
    assert page.status_code == 200 and "A note the team wrote" in page.content.decode()
    for data in [{}, {"reason": "Upsetting", "review_on": "1/1/2099"}, {"reason": REASON, "review_on": "31/2/2026"}]:
        response = client.post(world.withhold_url(), data)
        assert response.status_code == 422, data
        text = response.content.decode()
        assert "<title>Error: Withhold this from" in text and "There is a problem" in text
    assert not Withholding.objects.exists()
    review = (date.today() + timedelta(days=20)).strftime("%d/%m/%Y")
    done = client.post(world.withhold_url(), {"reason": REASON, "review_on": review})
    assert done.status_code == 302 and done["Location"].endswith(f"#entry-{world.entry.pk}")
    row = Withholding.objects.get()
    assert (row.reason, row.decided_by, row.decided_by_role) == (REASON, world.practitioner, "practitioner")
    own = client.get(world.withhold_url(world.own_words)).content.decode()
    assert "own words: they cannot be withheld" in own and "<form method" not in own.split("<main")[1]


def test_releasing_from_its_page_is_audited_and_an_over_long_note_changes_nothing(client, world):
    row = world.withhold()
    url = reverse("release_withholding", kwargs={"person_id": world.person.pk, "withholding_id": row.pk})
    client.force_login(world.lead)
    assert client.post(url, {"note": "x" * 1001}).status_code == 422
    row.refresh_from_db()
    assert row.released_at is None
    seq = AuditEvent.objects.count()
    response = client.post(url, {"note": "Talked it through."})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.released_by == world.lead and row.release_note == "Talked it through."
    assert ("update", "withholding", "released") in AuditEvent.objects.filter(seq__gt=seq).values_list(
        "action", "object_type", "object_version"
    )
    assert client.get(url).status_code == 404  # released: nothing left to release


def test_the_withholdings_in_force_are_read_as_the_orm_rule_reads_them(world):
    from safeplan.people.withholding import current_withholdings
    from safeplan.people.withholding_services import release

    first = world.withhold()
    reviewed = world.withhold(reason=REASON + " Looked at again.")  # releases the first and withholds afresh
    assert Withholding.objects.get(pk=first.pk).released_at is not None
    rule = {
        row.object_id: row
        for row in Withholding.objects.current().filter(person=world.person, object_type="plan_entry")
    }
    found = current_withholdings(world.person, "plan_entry")
    assert list(found) == list(rule) == [str(world.entry.pk)]
    fields = [f.attname for f in Withholding._meta.concrete_fields]
    assert [getattr(found[key], f) for key in found for f in fields] == [
        getattr(rule[k], f) for k in rule for f in fields
    ]
    assert found[str(world.entry.pk)].pk == reviewed.pk
    assert current_withholdings(world.person, "decision") == {}
    release(world.staff, reviewed, note="Talked it through together")
    assert current_withholdings(world.person, "plan_entry") == {}

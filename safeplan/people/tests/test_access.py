"""Who may see whose record: the access matrix, break-glass, and that every denial is audited."""

import re
import uuid
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.audit.services import verify_chain
from safeplan.people.models import BreakGlassGrant, CareRelationship
from safeplan.people.tests.factories import StaffRoleFactory, TeamFactory

pytestmark = pytest.mark.django_db

OUTSIDER_ROLES = [
    "another team's practitioner",
    "another team's lead",
    "oversight",
    "administrator",
    "another person",
    "someone else's supporter",
    "the person's supporter (nothing shared)",
    "the person's advocate (nothing shared)",
]

EXPECTED_ROLE_LABELS = {
    "another team's practitioner": "practitioner",
    "another team's lead": "team lead",
    "oversight": "oversight",
    "administrator": "administrator",
    "another person": "person",
    "someone else's supporter": "supporter",
    "the person's supporter (nothing shared)": "supporter",
    "the person's advocate (nothing shared)": "advocate",
}


def person_urls(person_id) -> list[str]:
    """Every URL that shows or changes one person's data, by the person's id."""
    return [reverse("person_record", kwargs={"person_id": person_id})]


@pytest.mark.parametrize("outsider", OUTSIDER_ROLES)
def test_outsider_gets_not_found_for_every_person_url_and_the_denial_is_audited(client, world, outsider):
    client.force_login(world.outsiders()[outsider])
    for url in person_urls(world.person.pk):
        before = AuditEvent.objects.count()
        response = client.get(url)
        assert response.status_code == 404, url
        assert world.person.full_name not in response.content.decode()
        denial = AuditEvent.objects.get(seq=before + 1)
        assert AuditEvent.objects.count() == before + 1
        assert denial.action == "denied"
        assert denial.object_id == str(world.person.pk)
        assert denial.actor_id == world.outsiders()[outsider].pk
        assert denial.actor_role == EXPECTED_ROLE_LABELS[outsider]


def test_a_forbidden_record_looks_exactly_like_a_missing_one(client, world):
    client.force_login(world.other_practitioner)
    forbidden = client.get(reverse("person_record", kwargs={"person_id": world.person.pk}))
    missing = client.get(reverse("person_record", kwargs={"person_id": uuid.uuid4()}))
    garbage = client.get("/people/not-a-uuid/")
    assert forbidden.status_code == missing.status_code == garbage.status_code == 404
    assert _without_per_request_tokens(forbidden) == _without_per_request_tokens(missing)
    assert _without_per_request_tokens(missing) == _without_per_request_tokens(garbage)


def _without_per_request_tokens(response) -> str:
    """The page less its CSP nonces and CSRF tokens, which differ on every response."""
    page = response.content.decode()
    page = re.sub(r'nonce="[^"]*"', "", page)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def test_person_cannot_reach_another_persons_record_by_changing_the_id(client, world):
    client.force_login(world.person.user)
    response = client.get(reverse("person_record", kwargs={"person_id": world.other_person.pk}))
    assert response.status_code == 404
    assert world.other_person.full_name not in response.content.decode()


def test_person_opening_their_own_record_by_id_is_sent_to_your_record(client, world):
    client.force_login(world.person.user)
    response = client.get(reverse("person_record", kwargs={"person_id": world.person.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("your_record")


@pytest.mark.parametrize("who", ["practitioner", "lead"])
def test_practitioner_in_a_caring_team_reads_the_record_and_the_read_is_audited(client, world, who):
    user = getattr(world, who)
    client.force_login(user)
    response = client.get(reverse("person_record", kwargs={"person_id": world.person.pk}))
    assert response.status_code == 200
    assert world.person.full_name in response.content.decode()
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.actor_id, event.person_id, event.purpose) == ("read", user.pk, world.person.pk, "care")
    assert event.actor_role == ("team lead" if who == "lead" else "practitioner")


def test_access_ends_when_the_care_relationship_ends(client, world):
    CareRelationship.objects.filter(pk=world.care.pk).update(ended_on=timezone.localdate() - timedelta(days=1))
    client.force_login(world.practitioner)
    assert client.get(reverse("person_record", kwargs={"person_id": world.person.pk})).status_code == 404


def test_access_has_not_started_before_the_care_relationship_starts(client, world):
    CareRelationship.objects.filter(pk=world.care.pk).update(started_on=timezone.localdate() + timedelta(days=3))
    client.force_login(world.practitioner)
    assert client.get(reverse("person_record", kwargs={"person_id": world.person.pk})).status_code == 404


def test_caseload_lists_only_people_the_users_teams_care_for(client, world):
    client.force_login(world.other_practitioner)
    page = client.get(reverse("caseload")).content.decode()
    assert world.other_person.full_name in page
    assert world.person.full_name not in page


@pytest.mark.parametrize(
    "outsider", ["oversight", "administrator", "another person", "the person's supporter (nothing shared)"]
)
def test_people_without_a_caseload_get_not_found_for_caseload_and_emergency_access(client, world, outsider):
    client.force_login(world.outsiders()[outsider])
    assert client.get(reverse("caseload")).status_code == 404
    assert client.get(reverse("break_glass_start")).status_code == 404
    assert client.get(reverse("break_glass_review")).status_code == 404


def test_caseload_search_by_nhs_number_finds_the_person_with_spaces_in_the_number(client, world):
    client.force_login(world.practitioner)
    n = world.person.nhs_number
    page = client.get(reverse("caseload"), {"q": f"{n[:3]} {n[3:6]} {n[6:]}"}).content.decode()
    assert world.person.full_name in page


def test_caseload_search_does_not_find_people_outside_the_caseload(client, world):
    client.force_login(world.practitioner)
    page = client.get(reverse("caseload"), {"q": world.other_person.nhs_number}).content.decode()
    assert world.other_person.full_name not in page
    assert "Nobody on your caseload matches" in page


def test_caseload_page_runs_the_same_number_of_queries_for_many_people(client, world, django_assert_max_num_queries):
    from safeplan.people.tests.factories import CareRelationshipFactory

    client.force_login(world.practitioner)
    client.get(reverse("caseload"))
    for _ in range(30):
        CareRelationshipFactory(team=world.care.team)
    with django_assert_max_num_queries(15):  # 14, and one for the column of people nobody has reached after a crisis
        response = client.get(reverse("caseload"))
    assert response.content.decode().count("/people/") >= 31


# --- Break-glass


def start_emergency_access(client, user, person, reason="Crisis call out of hours: need crisis contacts now."):
    client.force_login(user)
    return client.post(reverse("break_glass_start"), {"nhs_number": person.nhs_number, "reason": reason})


def test_break_glass_opens_the_record_for_a_limited_time_with_a_reason_and_audits_start_and_end(
    client, world, settings
):
    response = start_emergency_access(client, world.other_practitioner, world.person)
    record_url = reverse("person_record", kwargs={"person_id": world.person.pk})
    assert response.status_code == 302 and response["Location"] == record_url
    start = AuditEvent.objects.get(action="break_glass_start")
    assert start.reason.startswith("Crisis call") and start.person_id == world.person.pk

    page = client.get(record_url)
    assert page.status_code == 200
    read = AuditEvent.objects.order_by("-seq").first()
    assert (read.action, read.purpose, read.actor_role) == ("read", "break_glass", "practitioner (emergency access)")

    with time_machine.travel(timezone.now() + settings.BREAK_GLASS_DURATION + timedelta(minutes=1)):
        client.force_login(world.other_practitioner)
        assert client.get(record_url).status_code == 404
        out = StringIO()
        call_command("close_break_glass", stdout=out)
        assert "Closed 1 emergency access" in out.getvalue()
    end = AuditEvent.objects.get(action="break_glass_end")
    assert end.reason == "time limit reached"
    assert verify_chain() is None


def test_practitioner_can_end_break_glass_early(client, world):
    start_emergency_access(client, world.other_practitioner, world.person)
    grant = BreakGlassGrant.objects.get()
    response = client.post(reverse("break_glass_end", kwargs={"grant_id": grant.pk}))
    assert response.status_code == 302
    assert client.get(reverse("person_record", kwargs={"person_id": world.person.pk})).status_code == 404
    assert AuditEvent.objects.filter(action="break_glass_end", actor_id=world.other_practitioner.pk).count() == 1


def test_break_glass_needs_a_reason_and_creates_nothing_without_one(client, world):
    response = start_emergency_access(client, world.other_practitioner, world.person, reason="   ")
    assert response.status_code == 422
    assert "Why do you need to open this record now?" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()


def test_break_glass_cannot_reach_another_organisation(client, world):
    stranger = StaffRoleFactory(team=TeamFactory()).user  # a different organisation
    response = start_emergency_access(client, stranger, world.person)
    assert response.status_code == 422
    assert "no record with that NHS number in your organisation" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()
    assert AuditEvent.objects.filter(action="denied", object_type="break_glass", actor_id=stranger.pk).count() == 1


def test_team_lead_sees_and_reviews_break_glass_by_their_team(client, world):
    start_emergency_access(client, world.other_practitioner, world.person)
    grant = BreakGlassGrant.objects.get()
    client.force_login(world.other_lead)
    page = client.get(reverse("break_glass_review")).content.decode()
    assert "Crisis call out of hours" in page and world.person.full_name in page
    client.post(
        reverse("break_glass_review_one", kwargs={"grant_id": grant.pk}),
        {f"review-{grant.pk}-note": "Justified: crisis call."},
    )
    grant.refresh_from_db()
    assert grant.reviewed_by == world.other_lead and grant.review_note == "Justified: crisis call."
    assert AuditEvent.objects.filter(action="review", person_id=world.person.pk).count() == 1


def test_team_lead_of_another_team_does_not_see_the_break_glass(client, world):
    start_emergency_access(client, world.other_practitioner, world.person)
    client.force_login(world.lead)  # leads the person's team, not the practitioner's
    page = client.get(reverse("break_glass_review")).content.decode()
    assert "Crisis call out of hours" not in page


def test_person_sees_break_glass_and_its_reason_in_who_has_looked(client, world):
    start_emergency_access(client, world.other_practitioner, world.person)
    client.get(reverse("person_record", kwargs={"person_id": world.person.pk}))
    client.force_login(world.person.user)
    page = client.get(reverse("your_record")).content.decode()
    assert "Emergency access" in page
    assert "Crisis call out of hours" in page
    assert str(world.other_practitioner) in page


def test_person_sees_who_looked_at_their_record_but_not_their_own_visits(client, world):
    client.force_login(world.practitioner)
    client.get(reverse("person_record", kwargs={"person_id": world.person.pk}))
    client.force_login(world.person.user)
    client.get(reverse("your_record"))
    page = client.get(reverse("your_record")).content.decode()
    assert str(world.practitioner) in page
    assert "Providing care" in page
    assert page.count("Looked at your record") == 1


def test_supporter_sees_who_chose_them_but_not_the_record(client, world):
    client.force_login(world.supporter)
    page = client.get(reverse("supporting")).content.decode()
    assert world.person.name_to_use in page
    assert "Nothing has been shared with you yet" in page
    assert world.person.nhs_number not in page


def test_only_the_practitioner_who_opened_emergency_access_can_end_it(client, world):
    start_emergency_access(client, world.other_practitioner, world.person)
    grant = BreakGlassGrant.objects.get()
    for outsider in [world.practitioner, world.other_lead, world.person.user, world.supporter]:
        client.force_login(outsider)
        assert client.post(reverse("break_glass_end", kwargs={"grant_id": grant.pk})).status_code == 404
    grant.refresh_from_db()
    assert grant.ended_at is None


def test_only_a_lead_of_the_practitioners_team_can_review_their_emergency_access(client, world):
    start_emergency_access(client, world.other_practitioner, world.person)
    grant = BreakGlassGrant.objects.get()
    url = reverse("break_glass_review_one", kwargs={"grant_id": grant.pk})
    for outsider in [world.practitioner, world.lead, world.person.user, world.oversight]:
        client.force_login(outsider)
        response = client.post(url, {f"review-{grant.pk}-note": "fine"})
        assert response.status_code in (302, 404)
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_a_team_lead_cannot_review_their_own_emergency_access(client, world):
    start_emergency_access(client, world.other_lead, world.person)
    grant = BreakGlassGrant.objects.get()
    client.force_login(world.other_lead)
    client.post(reverse("break_glass_review_one", kwargs={"grant_id": grant.pk}), {f"review-{grant.pk}-note": "ok"})
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_caseload_search_is_audited_as_one_list_row_without_the_search_words(client, world):
    client.force_login(world.practitioner)
    before = AuditEvent.objects.count()
    client.get(reverse("caseload"), {"q": world.person.full_name})
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.object_type, event.object_id) == ("list", "caseload", "1 shown (search)")
    assert world.person.full_name not in event.canonical()

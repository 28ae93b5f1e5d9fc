"""The pages of All my data: the person asks for a copy, sees it being made and downloads it (audited as an
export); the care team makes copies for subject-access requests with their due dates; everyone else gets 404."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.exports.models import Export
from safeplan.exports.tests.helpers import ask
from safeplan.people.access_log import visits

Action = AuditEvent.Action


def rows_since(seq: int, **filters) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(seq__gt=seq, **filters).order_by("seq"))


def last_seq() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def download_url(world, export, person=None) -> str:
    person_id = (person or world.person).pk
    return reverse("export_download", kwargs={"person_id": person_id, "export_id": export.pk})


def test_the_persons_home_links_to_all_my_data(client, world):
    client.force_login(world.person.user)
    assert reverse("all_my_data") in client.get(reverse("your_record")).content.decode()


def test_the_person_asks_for_a_copy_and_the_request_is_audited(client, world):
    client.force_login(world.person.user)
    assert "Ask for a copy of all my data" in client.get(reverse("all_my_data")).content.decode()
    seq = last_seq()
    response = client.post(reverse("all_my_data"))
    assert response.status_code == 302 and response["Location"] == reverse("all_my_data")
    export = Export.objects.get(person=world.person)
    created = rows_since(seq, action=Action.CREATE)
    assert [(r.object_type, r.object_id, r.object_version) for r in created] == [("export", str(export.pk), "self")]
    page = client.get(reverse("all_my_data")).content.decode()
    assert "Ready to download" in page and download_url(world, export) in page
    expires = timezone.localtime(export.expires_at)
    assert f"Available until {expires:%-d %B %Y}" in page


def test_the_download_is_audited_as_an_export_of_the_record(client, world):
    export = ask(world)
    client.force_login(world.person.user)
    seq = last_seq()
    response = client.get(download_url(world, export))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == export.path.read_bytes()
    rows = rows_since(seq)
    assert [(r.action, r.object_type, r.object_id, r.person_id) for r in rows] == [
        (Action.EXPORT, "export", str(export.pk), world.person.pk)
    ]


def test_the_care_team_makes_a_copy_for_a_subject_access_request_and_sees_when_it_is_due(client, world):
    client.force_login(world.practitioner)
    record = client.get(reverse("person_record", kwargs={"person_id": world.person.pk})).content.decode()
    url = reverse("subject_access_requests", kwargs={"person_id": world.person.pk})
    assert url in record
    received = timezone.localdate() - timedelta(days=3)
    seq = last_seq()
    response = client.post(url, {"received_on": received.strftime("%d/%m/%Y")})
    assert response.status_code == 302
    export = Export.objects.get(person=world.person)
    assert export.kind == Export.Kind.SUBJECT_ACCESS and export.received_on == received
    assert [(r.action, r.object_type, r.actor_role) for r in rows_since(seq)] == [
        (Action.CREATE, "export", "practitioner")
    ]
    page = client.get(url).content.decode()
    assert f"due {export.due_on:%-d %B %Y}" in page and "late by" not in page
    assert f"due {export.due_on:%-d %B %Y}: made on time" in page
    seq = last_seq()
    assert client.get(download_url(world, export)).status_code == 200
    assert [r.action for r in rows_since(seq)] == [Action.EXPORT]
    found, _ = visits(world.person)
    assert "downloaded a copy of all your data" in found[0].what


def test_a_late_subject_access_request_says_so_plainly(client, world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # never made
    ask(world, world.practitioner, received_on=date(2026, 1, 31))
    client.force_login(world.practitioner)
    page = client.get(reverse("subject_access_requests", kwargs={"person_id": world.person.pk})).content.decode()
    late = (timezone.localdate() - date(2026, 2, 28)).days
    assert f"due 28 February 2026: late by {late} days" in page
    record = client.get(reverse("person_record", kwargs={"person_id": world.person.pk})).content.decode()
    assert "late by" in record


def test_a_received_date_in_the_future_is_refused_with_the_form_again(client, world):
    client.force_login(world.practitioner)
    url = reverse("subject_access_requests", kwargs={"person_id": world.person.pk})
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(url, {"received_on": tomorrow.strftime("%d/%m/%Y")})
    assert response.status_code == 422
    assert "cannot be in the future" in response.content.decode()
    assert client.post(url, {}).status_code == 422
    assert not Export.objects.exists()


def test_an_expired_copy_is_not_downloaded(client, world):
    export = ask(world)
    Export.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(world.person.user)
    seq = last_seq()
    response = client.get(download_url(world, export))
    assert response.status_code == 302 and response["Location"] == reverse("all_my_data")
    assert [r.action for r in rows_since(seq)] == []


def export_urls(world) -> list[tuple[str, str]]:
    own = ask(world)
    sar = ask(world, world.practitioner, received_on=timezone.localdate())
    person = {"person_id": world.person.pk}
    return [
        ("get", reverse("subject_access_requests", kwargs=person)),
        ("post", reverse("subject_access_requests", kwargs=person)),
        ("get", download_url(world, own)),
        ("get", download_url(world, sar)),
    ]


def test_outsiders_get_404_on_every_export_url_and_the_refusal_is_audited(client, world):
    from safeplan.circle.services import set_plan_sharing
    from safeplan.people.tests.factories import SupportRelationshipFactory

    urls = export_urls(world)
    sharing = SupportRelationshipFactory(person=world.person)
    set_plan_sharing(world.me, sharing, world.plan, sections={"staying-well"})
    outsiders = {
        **world.outsiders(),
        "emergency access": world.emergency(),
        "a supporter with a section shared": sharing.user,
    }
    for who, user in outsiders.items():
        client.force_login(user)
        for method, url in urls:
            seq = last_seq()
            response = getattr(client, method)(url, {"received_on": "01/11/2026"} if method == "post" else None)
            assert response.status_code == 404, (who, method, url)
            assert [r.action for r in rows_since(seq)] == [Action.DENIED], (who, method, url)
        if who != "another person":
            assert client.get(reverse("all_my_data")).status_code == 404, who
    assert Export.objects.count() == 2


def test_the_care_team_cannot_download_the_persons_own_copy(client, world):
    own = ask(world)
    client.force_login(world.practitioner)
    assert client.get(download_url(world, own)).status_code == 404


def test_a_copy_is_never_found_through_another_persons_record(client, world):
    own = ask(world)
    client.force_login(world.other_person.user)
    assert client.get(download_url(world, own, person=world.other_person)).status_code == 404


@pytest.mark.parametrize("method", ["put", "delete", "head"])
def test_the_download_accepts_only_get(client, world, method):
    own = ask(world)
    client.force_login(world.person.user)
    assert getattr(client, method)(download_url(world, own)).status_code == 405


def test_the_record_page_lists_the_same_open_requests_as_the_orm_rule_soonest_due_first(world, settings):
    from safeplan.exports.queries import open_requests

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # none made
    today = timezone.localdate()
    made = [ask(world, world.practitioner, received_on=today - timedelta(days=days)) for days in [3, 20, 9, 1]]
    ask(world)  # the person's own copy: not a subject-access request
    Export.objects.filter(pk=made[0].pk).update(
        status=Export.Status.READY, ready_at=timezone.now(), expires_at=timezone.now()
    )
    Export.objects.filter(pk=made[1].pk).update(status=Export.Status.FAILED)
    Export.objects.filter(pk=made[2].pk).update(status=Export.Status.BUILDING)
    rule = Export.objects.filter(
        person=world.person,
        kind=Export.Kind.SUBJECT_ACCESS,
        status__in=[Export.Status.QUEUED, Export.Status.BUILDING, Export.Status.FAILED],
    ).order_by("due_on", "id")
    found = open_requests(world.person.pk)
    assert [e.pk for e in found] == [e.pk for e in rule] == [made[1].pk, made[2].pk, made[3].pk]
    for export in found:
        expected = Export.objects.get(pk=export.pk)
        assert {f.attname: getattr(export, f.attname) for f in Export._meta.concrete_fields} == {
            f.attname: getattr(expected, f.attname) for f in Export._meta.concrete_fields
        }

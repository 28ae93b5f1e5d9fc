"""Every response that shows a plan is audited once, whatever the method or status (issue 10, defect A)."""

from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.plans import services


def reads_after(seq: int) -> list[tuple[str, str, str]]:
    rows = AuditEvent.objects.filter(seq__gt=seq).order_by("seq")
    return list(rows.values_list("action", "object_type", "object_id"))


def test_a_plan_page_declares_its_methods_and_answers_post_with_405_reading_nothing(client, world):
    client.force_login(world.practitioner)
    url = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})
    seq = AuditEvent.objects.count()
    response = client.post(url)
    assert response.status_code == 405 and world.person.full_name not in response.content.decode()
    assert reads_after(seq) == []
    assert client.head(url).status_code == 200
    assert reads_after(seq) == [("read", "safety_plan", str(world.plan.pk))]


def test_a_form_shown_again_with_its_errors_is_audited_once_and_changes_nothing(client, world):
    client.force_login(world.practitioner)
    url = reverse("plan_list", kwargs={"person_id": world.person.pk})
    seq = AuditEvent.objects.count()
    response = client.post(url, {"template": "not-a-template"})
    assert response.status_code == 422
    assert reads_after(seq) == [("read", "safety_plans", str(world.person.pk))]


def test_the_stale_edit_page_is_audited_once_as_a_read_of_the_entry(client, world):
    entry = world.team_writes()
    services.revise_entry(world.staff, entry, fields={"text": "Newer words"}, based_on=1, mode="own")
    client.force_login(world.lead)
    url = reverse(
        "plan_change_entry", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk, "entry_id": entry.pk}
    )
    seq = AuditEvent.objects.count()
    response = client.post(url, {"text": "My older edit", "based_on": 1})
    assert response.status_code == 409
    assert reads_after(seq) == [("read", "plan_entry", str(entry.pk))]


def test_plan_errors_are_record_errors_from_the_kernel():
    from safeplan.people.records import RecordError

    assert issubclass(services.PlanError, RecordError) and issubclass(services.StaleEdit, RecordError)

"""Administration through Django admin is itself audited."""

import pytest
from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.audit.services import verify_chain
from safeplan.people.models import Person

pytestmark = pytest.mark.django_db


def test_opening_a_person_in_admin_is_audited_as_administration(admin_client, world):
    response = admin_client.get(reverse("admin:people_person_change", args=[world.person.pk]))
    assert response.status_code == 200
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.person_id, event.purpose) == ("read", world.person.pk, "administration")


def test_listing_people_in_admin_is_audited(admin_client, world):
    admin_client.get(reverse("admin:people_person_changelist"))
    assert AuditEvent.objects.filter(action="list", object_type="person", purpose="administration").count() == 1


def test_adding_a_person_in_admin_writes_a_create_row(admin_client, world):
    response = admin_client.post(
        reverse("admin:people_person_add"),
        {
            "organisation": world.org.pk,
            "full_name": "Synthetic Newcomer",
            "date_of_birth": "1990-05-01",
            "nhs_number": "",
            "preferred_language": "English",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(full_name="Synthetic Newcomer")
    assert AuditEvent.objects.filter(action="create", person_id=person.pk).count() == 1
    assert verify_chain() is None


def test_the_audit_trail_cannot_be_changed_from_admin(admin_client, world):
    admin_client.get(reverse("person_record", kwargs={"person_id": world.person.pk}))  # a denial, to have a row
    event = AuditEvent.objects.first()
    assert admin_client.get(reverse("admin:audit_auditevent_change", args=[event.pk])).status_code == 200
    admin_client.post(reverse("admin:audit_auditevent_change", args=[event.pk]), {"reason": "edited"})
    admin_client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"})
    assert AuditEvent.objects.filter(pk=event.pk, reason="").exists()


def test_people_without_admin_rights_cannot_open_admin(client, world):
    client.force_login(world.practitioner)
    response = client.get(reverse("admin:people_person_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

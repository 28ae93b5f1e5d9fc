"""A supporter notes their own needs as a carer; the person reads them only if the carer chooses; the care team
records when a carer's assessment was offered (issue 11, item 3)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.circle import carers
from safeplan.circle.models import CarerNote, CarersAssessmentOffer

NEEDS = "A night off each week, and someone to ring when I am worried at 3am"


def needs_url(world) -> str:
    return reverse("carer_needs", kwargs={"support_id": world.support.pk})


def circle_url(world) -> str:
    return reverse("circle", kwargs={"person_id": world.person.pk})


def test_a_carer_writes_their_needs_and_the_care_team_reads_them(client, world):
    client.force_login(world.supporter)
    assert "Your own needs as a carer" in client.get(reverse("supporting")).content.decode()
    seq = AuditEvent.objects.count()
    response = client.post(needs_url(world), {"needs": NEEDS, "offered_on": "3/11/2026"})
    assert response.status_code == 302
    note = CarerNote.objects.get()
    assert (note.written_by, note.person_may_see) == (world.supporter, False)
    assert CarersAssessmentOffer.objects.get().offered_on == date(2026, 11, 3)
    written = AuditEvent.objects.get(seq__gt=seq, action="create")
    assert (written.object_type, written.person_id, written.purpose) == ("carer_needs", None, "shared")
    client.force_login(world.practitioner)
    page = client.get(circle_url(world)).content.decode()
    assert NEEDS in page and "kept from the person, as the carer chose" in page and "3 November 2026" in page


def test_the_person_reads_a_carers_needs_only_if_the_carer_chooses(client, world):
    client.force_login(world.supporter)
    client.post(needs_url(world), {"needs": NEEDS})
    client.force_login(world.practitioner)
    client.post(
        reverse("circle_assessment_offer", kwargs={"person_id": world.person.pk}),
        {"support": world.support.pk, f"offer-{world.support.pk}-offered_on": "20/11/2026"},
    )
    client.force_login(world.person.user)
    assert NEEDS not in client.get(circle_url(world)).content.decode()
    for page in ["your_record", "your_access_log"]:  # not even that a note, or an offer, exists
        assert "carer" not in client.get(reverse(page)).content.decode().lower(), page
    client.force_login(world.supporter)
    client.post(needs_url(world), {"needs": NEEDS, "person_may_see": "on"})
    client.force_login(world.person.user)
    assert NEEDS in client.get(circle_url(world)).content.decode()
    assert CarerNote.objects.count() == 2  # the earlier words stay as history


def test_only_the_carer_reaches_their_needs_page(client, world):
    for other in [world.practitioner, world.person.user, world.advocate, world.supporter_of_other]:
        client.force_login(other)
        assert client.get(needs_url(world)).status_code == 404
        assert client.post(needs_url(world), {"needs": NEEDS}).status_code == 404
    assert not CarerNote.objects.exists()


def test_bad_carer_input_is_refused_and_changes_nothing(client, world):
    client.force_login(world.supporter)
    empty = client.post(needs_url(world), {"needs": "  "})
    assert empty.status_code == 422 and "Write what you need as a carer" in empty.content.decode()
    future = (date.today() + timedelta(days=3)).strftime("%d/%m/%Y")
    later = client.post(needs_url(world), {"needs": NEEDS, "offered_on": future})
    assert later.status_code == 422 and "cannot be in the future" in later.content.decode()
    assert not CarerNote.objects.exists() and not CarersAssessmentOffer.objects.exists()


def test_only_the_care_team_records_an_assessment_offer(client, world):
    url = reverse("circle_assessment_offer", kwargs={"person_id": world.person.pk})
    field = f"offer-{world.support.pk}-offered_on"
    client.force_login(world.person.user)
    client.post(url, {"support": world.support.pk, field: "20/11/2026"})
    client.force_login(world.supporter)
    assert client.post(url, {"support": world.support.pk, field: "20/11/2026"}).status_code == 404
    assert not CarersAssessmentOffer.objects.exists()
    client.force_login(world.practitioner)
    bad = client.post(url, {"support": world.support.pk, field: "31/2/2026"})
    assert bad.status_code == 302 and not CarersAssessmentOffer.objects.exists()
    assert client.post(url, {"support": world.support.pk, field: "20/11/2026"}).status_code == 302
    offer = CarersAssessmentOffer.objects.get()
    assert (offer.offered_on, offer.written_by) == (date(2026, 11, 20), world.practitioner)
    with pytest.raises(carers.CarerError, match="care team"):
        carers.record_offer(world.me, world.support, date(2026, 11, 20))

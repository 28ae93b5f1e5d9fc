"""Check-ins belong to the person: private by default, shared only by their choice, and the chart shows exactly them."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.harm import services
from safeplan.harm.charts import technique_charts
from safeplan.harm.models import CheckIn
from safeplan.plans import services as plan_services


def url(world, name, **kwargs):
    return reverse(name, kwargs={"person_id": world.person.pk, "plan_id": world.harm_plan.pk, **kwargs})


def check_in(world, entry, days_ago=0, helped=3, share=False, writer=None):
    return services.add_check_in(
        writer or world.me,
        world.harm_plan,
        entry=entry,
        used_on=timezone.localdate() - timedelta(days=days_ago),
        helped=helped,
        share=share,
    )


def test_a_check_in_is_private_unless_the_person_shares_it(client, world):
    ice = world.choose("ice")
    private = check_in(world, ice, helped=1)
    shared = check_in(world, ice, helped=4, share=True)
    assert not private.shared and shared.shared
    client.force_login(world.practitioner)
    assert client.get(url(world, "harm_check_in", check_in_id=private.pk)).status_code == 404
    assert client.get(url(world, "harm_check_in", check_in_id=shared.pk)).status_code == 200
    page = client.get(url(world, "harm_check_ins")).content.decode()
    assert 'data-helped="4"' in page and 'data-helped="1"' not in page


def test_the_person_chooses_to_share_and_to_stop_sharing(client, world):
    entry = check_in(world, world.choose("ice"))
    client.force_login(world.person.user)
    client.post(url(world, "harm_share_check_in", check_in_id=entry.pk), {"shared": "yes"})
    entry.refresh_from_db()
    assert entry.shared
    client.force_login(world.practitioner)
    assert client.get(url(world, "harm_check_in", check_in_id=entry.pk)).status_code == 200
    client.force_login(world.person.user)
    client.post(url(world, "harm_share_check_in", check_in_id=entry.pk), {"shared": "no"})
    client.force_login(world.practitioner)
    assert client.get(url(world, "harm_check_in", check_in_id=entry.pk)).status_code == 404


def test_only_the_person_can_change_who_sees_a_check_in(world):
    entry = check_in(world, world.choose("ice"), share=True)
    with pytest.raises(plan_services.PlanError, match="Only you"):
        services.set_sharing(world.staff, entry, shared=False)


def test_a_check_in_recorded_by_a_practitioner_with_the_person_is_shared(world):
    entry = check_in(world, world.choose("ice"), writer=world.staff)
    assert entry.shared and entry.recorded_by == world.practitioner


def test_nothing_is_recorded_without_someone_choosing_to(client, world):
    world.choose("ice")
    client.force_login(world.person.user)
    client.get(url(world, "harm_check_ins"))
    client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.harm_plan.pk}))
    assert CheckIn.objects.count() == 0


def test_the_charts_data_matches_the_check_ins(world):
    ice, band = world.choose("ice"), world.choose("band")
    made = [check_in(world, ice, 10, 1), check_in(world, ice, 3, 4), check_in(world, band, 5, 2)]
    charts = technique_charts(list(CheckIn.objects.all()), {ice.pk: "Holding ice", band.pk: "Snapping a band"})
    by_name = {c.name: [(p.used_on, p.helped) for p in c.points] for c in charts}
    assert by_name == {
        "Holding ice": [(made[0].used_on, 1), (made[1].used_on, 4)],
        "Snapping a band": [(made[2].used_on, 2)],
    }
    svg = str(charts[0].svg())
    assert svg.count("<rect") == 2 and f'data-used-on="{made[0].used_on.isoformat()}" data-helped="1"' in svg


def test_a_check_in_form_with_bad_input_says_what_is_wrong_and_saves_nothing(client, world):
    world.choose("ice")
    client.force_login(world.person.user)
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    response = client.post(url(world, "harm_check_ins"), {"used_on": tomorrow, "helped": "9"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Choose the technique you used" in page and "cannot be in the future" in page
    assert CheckIn.objects.count() == 0


def test_a_check_in_is_only_about_a_technique_in_this_plan(world):
    other_entry = world.person_writes()  # an entry in the person's safety plan
    with pytest.raises(plan_services.PlanError, match="Choose one of the techniques"):
        services.add_check_in(world.me, world.harm_plan, entry=other_entry, used_on=date(2026, 1, 1), helped=2)


def test_check_ins_are_audited(world):
    before = AuditEvent.objects.count()
    entry = check_in(world, world.choose("ice"))
    services.set_sharing(world.me, entry, shared=True)
    rows = list(AuditEvent.objects.filter(seq__gt=before, object_type="harm_check_in").values_list("action", flat=True))
    assert rows == ["create", "update"]

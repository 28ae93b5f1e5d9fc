from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import DatabaseError, transaction

from safeplan.audit.models import AuditEvent
from safeplan.plans import services
from safeplan.plans.models import ImmutableRecord, PlanVersion, Signature
from safeplan.plans.presenters import plan_status, versions_of


def forward(world):
    world.person_writes()
    world.team_writes()
    return services.put_forward(world.staff, world.plan)


def test_putting_forward_freezes_the_plan_as_a_numbered_version(world):
    version = forward(world)
    assert version.number == 1 and version.agreed_at is None
    texts = str(version.snapshot)
    assert "Walking the dog every morning" in texts and "Regular contact with the team" in texts
    with pytest.raises(services.PlanError, match="Version 1 already holds"):
        services.put_forward(world.me, world.plan)


def test_an_empty_plan_cannot_be_put_forward(world):
    with pytest.raises(services.PlanError, match="Add something"):
        services.put_forward(world.staff, world.plan)


def test_one_signature_does_not_agree_a_version(world):
    version = forward(world)
    services.sign_version(world.me, version, content_hash_seen=version.content_hash)
    version.refresh_from_db()
    assert version.agreed_at is None
    with pytest.raises(services.PlanError, match="You have already signed"):
        services.sign_version(world.me, version, content_hash_seen=version.content_hash)
    lead = services.Writer(world.lead, world.staff.access)
    services.sign_version(lead, version, content_hash_seen=version.content_hash)
    version.refresh_from_db()
    assert version.agreed_at is not None


def test_two_practitioners_cannot_agree_a_version_without_the_person(world):
    version = forward(world)
    services.sign_version(world.staff, version, content_hash_seen=version.content_hash)
    lead = services.Writer(world.lead, world.staff.access)
    with pytest.raises(services.PlanError, match="A practitioner has already signed"):
        services.sign_version(lead, version, content_hash_seen=version.content_hash)
    version.refresh_from_db()
    assert version.agreed_at is None


@time_machine.travel(datetime(2026, 8, 31, 10, 0, tzinfo=UTC), tick=False)
def test_both_signatures_agree_the_version_with_a_review_date_six_months_on(world):
    version = forward(world)
    services.sign_version(world.staff, version, content_hash_seen=version.content_hash)
    services.sign_version(world.me, version, content_hash_seen=version.content_hash)
    version.refresh_from_db()
    assert version.agreed_at is not None
    assert version.review_due == date(2027, 2, 28)  # six months on, the end of a shorter month
    assert plan_status(world.refresh()).agreed_line(for_person=True) == (
        "Version 1 agreed with you on 31 August 2026 · next review 28 February 2027"
    )
    actions = list(AuditEvent.objects.filter(object_type="plan_version").values_list("action", flat=True))
    assert actions == ["create", "sign", "sign", "agree"]


def test_the_review_interval_is_the_organisations(world):
    world.org.review_interval_months = 3
    world.org.save()
    version = forward(world)
    services.sign_version(world.staff, version, content_hash_seen=version.content_hash)
    services.sign_version(world.me, version, content_hash_seen=version.content_hash)
    version.refresh_from_db()
    assert version.review_due == services.add_months(version.agreed_at.date(), 3)


def test_signing_a_version_that_has_since_changed_is_refused(world):
    version = forward(world)
    services.sign_version(world.me, version, content_hash_seen=version.content_hash)
    world.team_writes(item_key="team-role", text="Weekly visits")
    with pytest.raises(services.VersionChanged, match="has changed since version 1"):
        services.sign_version(world.staff, version, content_hash_seen=version.content_hash)
    assert Signature.objects.filter(version=version).count() == 1


def test_signing_with_a_different_text_than_the_version_is_refused(world):
    version = forward(world)
    with pytest.raises(services.VersionChanged, match="not the version you were shown"):
        services.sign_version(world.me, version, content_hash_seen="0" * 64)


def agree(world):
    version = forward(world)
    services.sign_version(world.staff, version, content_hash_seen=version.content_hash)
    services.sign_version(world.me, version, content_hash_seen=version.content_hash)
    version.refresh_from_db()
    return version


def test_an_agreed_version_cannot_be_changed_through_the_model(world):
    version = agree(world)
    version.snapshot = {"sections": []}
    with pytest.raises(ImmutableRecord):
        version.save()


def test_an_agreed_version_cannot_be_changed_in_the_database(world):
    version = agree(world)
    with pytest.raises(DatabaseError, match="never changed"), transaction.atomic():
        PlanVersion.objects.filter(pk=version.pk).update(snapshot={"sections": []})
    with pytest.raises(DatabaseError, match="never changed"), transaction.atomic():
        Signature.objects.filter(version=version).update(signer_name="Someone else")
    version.refresh_from_db()
    assert "Walking the dog" in str(version.snapshot)


def test_later_edits_start_a_new_draft_and_the_agreed_version_stays_readable(world):
    first = agree(world)
    world.person_writes(item_key="coping", text="Ring my sister")
    status = plan_status(world.refresh())
    assert status.agreed == first and status.changed_since_agreed
    second = services.put_forward(world.me, world.plan)
    assert second.number == 2 and "Ring my sister" in str(second.snapshot)
    rule = PlanVersion.objects.filter(plan=world.plan).defer("snapshot").order_by("number")
    fields = [f.attname for f in PlanVersion._meta.concrete_fields if f.attname != "snapshot"]
    found = versions_of(world.plan)  # the plan page's own SQL, against the ORM's
    assert [[getattr(v, f) for f in fields] for v in found] == [[getattr(v, f) for f in fields] for v in rule]
    assert plan_status(world.refresh()).pending == second
    first.refresh_from_db()
    assert "Ring my sister" not in str(first.snapshot)


def test_a_version_put_forward_and_agreed_is_the_exact_text_signed(world):
    version = agree(world)
    hashes = set(Signature.objects.filter(version=version).values_list("content_hash", flat=True))
    assert hashes == {version.content_hash}

"""Building the ZIP: what is in it, that a re-run after a crash leaves one file, that a failure says so plainly,
that progress shows, and that copies are deleted after 7 days."""

import dataclasses
import re
from datetime import timedelta

import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from safeplan.exports import build
from safeplan.exports.models import Export
from safeplan.exports.pdf import HEADINGS
from safeplan.exports.tests.helpers import ask, data, pdf_text, unzip
from safeplan.people.capabilities import REGISTERED


def test_the_zip_holds_a_readable_pdf_the_data_and_its_schema(world):
    export = ask(world)
    assert export.status == Export.Status.READY and export.progress == 100
    assert sorted(unzip(export)) == ["README.txt", "all-my-data.pdf", "all-my-data.schema.json", "data.json"]
    assert export.expires_at == export.ready_at + timedelta(days=7)
    assert export.path.stat().st_mode & 0o777 == 0o600 and export.path.parent.stat().st_mode & 0o777 == 0o700


def test_the_pdf_has_every_section_heading_and_the_persons_name(world):
    text = re.sub(r"\s+", " ", pdf_text(ask(world)))
    for heading in HEADINGS.values():
        assert heading in text, heading
    assert world.person.full_name in text
    for words in ["Walking the dog every morning", "Should I go home this weekend?", "Held ice instead, private note"]:
        assert words in text


def test_a_check_in_the_person_did_not_share_is_in_their_copy(world):
    check_ins = data(ask(world))["records"]["harm"]["check_ins"]
    private = [c for c in check_ins if c["id"] == str(world.private_check_in.pk)]
    assert private and private[0]["shared"] is False and private[0]["note"] == "Held ice instead, private note"


def test_every_plan_has_its_draft_and_every_version_with_its_snapshot_and_signatures(world):
    plans = {p["id"]: p for p in data(ask(world))["records"]["plans"]["plans"]}
    plan = plans[str(world.plan.pk)]
    assert [v["number"] for v in plan["versions"]] == [1]
    assert sorted(s["role"] for s in plan["versions"][0]["signatures"]) == ["person", "practitioner"]
    draft = str(plan["current_draft"])
    assert "Ringing my sister on Sundays" in draft
    assert "Ringing my sister on Sundays" not in str(plan["versions"][0]["snapshot"])
    assert str(world.harm_plan.pk) in plans


def test_the_job_survives_a_re_run_with_one_file_and_the_same_content(world):
    with time_machine.travel(timezone.now(), tick=False):
        export = ask(world)
        first = unzip(export)
        export.partial_path.write_bytes(b"half a zip left by a worker that stopped")  # a crash part-way through
        build.build(export.pk)
        second = unzip(export)
    assert sorted(p.name for p in export.path.parent.iterdir()) == [f"{export.pk}.zip"]
    assert second["data.json"] == first["data.json"]
    assert second == first
    export.refresh_from_db()
    assert export.status == Export.Status.READY and export.attempts == 2


def failing(monkeypatch, name="decisions"):
    def boom(person):
        raise ValueError(f"something about {person.full_name}")

    monkeypatch.setitem(REGISTERED, name, dataclasses.replace(REGISTERED[name], export=boom))


def test_a_failing_exporter_marks_the_export_failed_with_a_clear_message_and_the_page_says_so(
    client, world, monkeypatch
):
    failing(monkeypatch)
    export = ask(world)
    assert export.status == Export.Status.FAILED
    assert export.error.startswith("We could not make the decisions part of the record, so no copy was made")
    assert world.person.full_name not in export.error
    assert not export.path.exists() and not export.partial_path.exists()
    client.force_login(world.person.user)
    page = client.get(reverse("all_my_data")).content.decode()
    assert "Could not be made" in page
    assert "We could not make the decisions part of the record" in page
    assert f"/all-my-data/{export.pk}/download/" not in page
    assert "Ask for a new copy" in page


def test_a_failed_export_that_is_run_again_is_rebuilt_from_scratch(world, monkeypatch):
    failing(monkeypatch)
    export = ask(world)
    monkeypatch.undo()
    build.build(export.pk)
    export.refresh_from_db()
    assert export.status == Export.Status.READY and export.error == "" and export.path.is_file()


def test_progress_goes_up_while_building_and_the_page_shows_it(client, world, monkeypatch):
    seen = []
    original = REGISTERED["decisions"].export

    def watching(person):
        export = Export.objects.get(person=person)
        seen.append((export.status, export.progress))
        return original(person)

    monkeypatch.setitem(REGISTERED, "decisions", dataclasses.replace(REGISTERED["decisions"], export=watching))
    ask(world)
    assert seen and seen[0][0] == Export.Status.BUILDING and 0 < seen[0][1] < 100

    Export.objects.update(status=Export.Status.BUILDING, progress=40, ready_at=None, expires_at=None)
    client.force_login(world.person.user)
    page = client.get(reverse("all_my_data")).content.decode()
    assert "Being made: 40% done" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    Export.objects.update(status=Export.Status.FAILED, progress=40)
    assert 'http-equiv="refresh"' not in client.get(reverse("all_my_data")).content.decode()


def test_expired_exports_are_deleted_and_marked_expired(world):
    export = ask(world)
    assert build.expire(timezone.now() + timedelta(days=6)) == 0 and export.path.is_file()
    assert build.expire(timezone.now() + timedelta(days=7, minutes=1)) == 1
    export.refresh_from_db()
    assert export.status == Export.Status.EXPIRED and export.deleted_at is not None
    assert not export.path.exists()
    build.build(export.pk)  # a late re-run of its job does not bring it back
    assert not export.path.exists()


def test_the_cleanup_command_deletes_expired_exports(world):
    export = ask(world)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        call_command("expire_exports", stdout=open("/dev/null", "w"))  # noqa: SIM115
    export.refresh_from_db()
    assert export.status == Export.Status.EXPIRED and not export.path.exists()


def test_a_second_request_while_one_is_being_made_is_the_same_copy(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    first = ask(world)
    assert first.status == Export.Status.QUEUED
    assert ask(world).pk == first.pk
    assert Export.objects.count() == 1


def test_a_build_whose_worker_stopped_part_way_is_run_again_and_leaves_one_file(client, world):
    export = ask(world)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    # The worker was stopped half-way through a rebuild: half a ZIP, progress frozen, status still "building".
    export.partial_path.write_bytes(b"half a zip")
    Export.objects.filter(pk=export.pk).update(status=Export.Status.BUILDING, progress=60, started_at=an_hour_ago)
    client.force_login(world.person.user)
    page = client.get(reverse("all_my_data")).content.decode()
    assert "Taking longer than it should" in page and 'http-equiv="refresh"' not in page
    call_command("expire_exports", stdout=open("/dev/null", "w"))  # noqa: SIM115 - cron runs it every 15 minutes
    export.refresh_from_db()
    assert export.status == Export.Status.READY and export.attempts == 2
    assert sorted(p.name for p in export.path.parent.iterdir()) == [f"{export.pk}.zip"]


def test_a_build_that_keeps_stopping_is_marked_failed_in_plain_words(world):
    from safeplan.exports.services import MAX_ATTEMPTS, retry_stalled

    export = ask(world)
    Export.objects.filter(pk=export.pk).update(
        status=Export.Status.BUILDING, attempts=MAX_ATTEMPTS, started_at=timezone.now() - timedelta(hours=1)
    )
    assert retry_stalled() == 0
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED and "after several tries" in export.error

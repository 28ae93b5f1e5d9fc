"""The real queue: a request stores its job in the database (django-tasks-db) in the same transaction, and the
worker command (`safeplan db_worker`) picks it up and builds the copy."""

import io
import signal

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from safeplan.exports.models import Export
from safeplan.exports.schema import errors
from safeplan.exports.tests.conftest import ExportWorld
from safeplan.exports.tests.helpers import ask, data

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def restore_signals():
    """The worker installs its own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.mark.django_db(transaction=True)
def test_a_request_is_queued_in_the_database_and_the_worker_builds_it(settings, restore_signals):
    settings.TASKS = DATABASE_QUEUE
    world = ExportWorld()
    export = ask(world)
    assert export.status == Export.Status.QUEUED and not export.path.exists()
    job = DBTaskResult.objects.get()
    assert job.task_path == "safeplan.exports.tasks.build_export"
    assert job.args_kwargs == {"args": [str(export.pk)], "kwargs": {}}  # only the id: no personal data in the queue

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0, stdout=io.StringIO())

    export.refresh_from_db()
    assert export.status == Export.Status.READY and export.progress == 100 and export.path.is_file()
    assert errors(data(export)) == []
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_a_failed_job_keeps_no_personal_data_in_the_queue(settings, restore_signals, monkeypatch):
    import dataclasses

    from safeplan.people.capabilities import REGISTERED

    def boom(person):
        raise ValueError(f"something about {person.full_name}")

    monkeypatch.setitem(REGISTERED, "decisions", dataclasses.replace(REGISTERED["decisions"], export=boom))
    settings.TASKS = DATABASE_QUEUE
    world = ExportWorld()
    export = ask(world)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0, stdout=io.StringIO())
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED
    job = DBTaskResult.objects.get()
    assert job.status == "FAILED"
    assert "ExportFailed" in job.exception_class_path
    assert world.person.full_name not in job.traceback

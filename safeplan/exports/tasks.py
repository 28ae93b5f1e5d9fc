"""The background jobs of "All my data", run by the worker (`safeplan db_worker`, django-tasks' database backend).

A task's arguments are stored in the queue's table: only the export's id goes there, never personal data.
"""

from django_tasks import task

from safeplan.exports import build


@task()
def build_export(export_id: str) -> None:
    """Build one export's ZIP (from scratch, also when run again after a worker stopped half-way)."""
    build.build(export_id)


@task()
def expire_exports() -> int:
    """Delete every export past its 7 days; `safeplan expire_exports` does the same from cron."""
    return build.expire()

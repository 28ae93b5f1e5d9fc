"""gunicorn settings for the benchmark's comparison server only (`-c bench/unaudited.py`): the same app with the
audit row of a record read not written, to measure what auditing costs. Never loaded by safeplan's own settings,
and nothing in safeplan reads a setting to turn auditing off: each worker replaces the one function that writes the
row, after it has loaded the app."""


def post_worker_init(worker):  # noqa: ANN001, ANN201, ARG001 - gunicorn's hook
    from safeplan.people.views import record_access

    record_access._audit_shown = lambda *args, **kwargs: None  # noqa: SLF001 - the bench's comparison only

"""Test set-up shared by every app: fast password hashing, and the audit purge that lets a flush empty the
append-only audit table on PostgreSQL (the only thing allowed to)."""

import pytest
from django.core.management.commands import flush
from django.db import connections

_original_flush = flush.Command.handle


def _flush_allowing_audit_purge(self, **options):
    connection = connections[options.get("database", "default")]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET safeplan.audit_purge = 'allowed'")
        try:
            return _original_flush(self, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET safeplan.audit_purge")
    return _original_flush(self, **options)


flush.Command.handle = _flush_allowing_audit_purge


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

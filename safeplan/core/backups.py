"""Whole-database backups that restore: `safeplan backup PATH` and `safeplan restore PATH`.

PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore --clean --if-exists` in a single transaction (a
failed restore changes nothing). The connection comes from the Django database settings; the password goes to the
tools in PGPASSWORD, never on the command line. SQLite: Python's online backup API, which copies a consistent
snapshot while the service runs. A backup is written under a temporary name, readable by its owner only, and renamed
into place once complete, so PATH is only ever a whole backup. The test suite backs up, empties and restores a seeded
database and compares every table row for row (core/tests/test_backups.py).
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from django.db import connections

PG_OPTION_ENVIRONMENT = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


class BackupError(RuntimeError):
    """A backup or restore that could not be done; the message says why."""


def _settings(alias: str) -> dict[str, Any]:
    return connections[alias].settings_dict


def describe(alias: str = "default") -> str:
    """The database a restore would replace, in words (no password)."""
    db = _settings(alias)
    vendor = connections[alias].vendor
    if vendor == "postgresql":
        where = f"{db.get('HOST') or 'local socket'}:{db.get('PORT') or 5432}"
        return f"the PostgreSQL database {db['NAME']!r} on {where} (as {db.get('USER') or 'the default user'!r})"
    if vendor == "sqlite":
        return f"the SQLite database {db['NAME']}"
    raise BackupError(f"Backups of {vendor} databases are not supported.")


def backup(path: Path, alias: str = "default") -> None:
    if path.exists():
        raise BackupError(f"{path} already exists: choose a new name rather than overwrite a backup.")
    partial = path.with_name(path.name + ".partial")
    # Created before anything is written, so the backup is never readable by anyone but its owner.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    os.chmod(partial, 0o600)
    try:
        vendor = connections[alias].vendor
        if vendor == "postgresql":
            _pg_run("pg_dump", ["--format=custom", f"--file={partial}"], alias)
        elif vendor == "sqlite":
            _sqlite_backup(partial, alias)
        else:
            raise BackupError(f"Backups of {vendor} databases are not supported.")
        with partial.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def restore(path: Path, alias: str = "default") -> None:
    """Replace the database's contents with the backup at `path`, after checking the backup can be read."""
    if not path.is_file():
        raise BackupError(f"There is no backup at {path}.")
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    if connection.vendor == "postgresql":
        _pg_run("pg_restore", ["--list", str(path)], alias, connect=False)  # a readable archive, or nothing happens
        connection.close()  # it would hold locks the restore's DROPs wait for
        _pg_run(
            "pg_restore",
            ["--clean", "--if-exists", "--single-transaction", "--exit-on-error", str(path)],
            alias,
        )
    elif connection.vendor == "sqlite":
        _sqlite_restore(path, alias)
    else:
        raise BackupError(f"Restores of {connection.vendor} databases are not supported.")


def _pg_run(tool: str, arguments: list[str], alias: str, *, connect: bool = True) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(f"{tool} is not installed: install the PostgreSQL client tools of the server's version.")
    db = _settings(alias)
    command = [executable, *arguments]
    env = dict(os.environ)
    if connect:
        command.append("--no-password")  # never prompt: the password, if any, comes from PGPASSWORD
        for option, flag in (("HOST", "--host"), ("PORT", "--port"), ("USER", "--username")):
            if db.get(option):
                command.append(f"{flag}={db[option]}")
        command.append(f"--dbname={db['NAME']}")
        if db.get("PASSWORD"):
            env["PGPASSWORD"] = str(db["PASSWORD"])
        for option, variable in PG_OPTION_ENVIRONMENT.items():
            if option in db.get("OPTIONS", {}):
                env[variable] = str(db["OPTIONS"][option])
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - no shell
    if result.returncode != 0:
        raise BackupError(f"{tool} failed (exit {result.returncode}): {result.stderr.strip()[-2000:]}")


def _sqlite_backup(partial: Path, alias: str) -> None:
    with closing(sqlite3.connect(_settings(alias)["NAME"], timeout=20)) as source:
        with closing(sqlite3.connect(partial)) as target:
            source.backup(target)
            # One self-contained file: no write-ahead log beside it.
            target.execute("PRAGMA journal_mode=DELETE")
            _check_sqlite(target, partial)


def _check_sqlite(database: sqlite3.Connection, path: Path) -> None:
    try:
        (result,) = database.execute("PRAGMA quick_check").fetchone()
        migrated = database.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a readable SQLite database: {error}") from None
    if result != "ok":
        raise BackupError(f"{path} is damaged: {result}")
    if migrated is None:
        raise BackupError(f"{path} is not a safeplan database: it has no migrations table.")


def _sqlite_restore(path: Path, alias: str) -> None:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as source:
        _check_sqlite(source, path)
        connections[alias].close()
        with closing(sqlite3.connect(_settings(alias)["NAME"], timeout=20)) as target:
            source.backup(target)

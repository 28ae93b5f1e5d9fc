"""Security headers on every page, and a clean `check --deploy` with production settings."""

import os
import subprocess
import sys

import pytest
from django.urls import reverse

from safeplan.people.tests.factories import PersonFactory, practitioner_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def record_response(client):
    person = PersonFactory()
    client.force_login(practitioner_for(person))
    return client.get(reverse("person_record", kwargs={"person_id": person.pk}))


def test_pages_with_personal_data_are_never_cached(record_response):
    cache = record_response["Cache-Control"]
    assert "no-store" in cache and "private" in cache


def test_content_security_policy_allows_the_nhs_font_host_for_fonts_only(record_response):
    policy = record_response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["frame-ancestors"] == "'none'"
    assert "https://assets.nhs.uk" in directives["font-src"]
    assert all("assets.nhs.uk" not in v for k, v in directives.items() if k != "font-src")
    assert "'nonce-" in directives["script-src"] and "unsafe-inline" not in directives["script-src"]


def test_inline_script_carries_the_csp_nonce(record_response):
    policy = record_response["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in record_response.content.decode()


def test_no_sniffing_and_no_framing(record_response):
    assert record_response["X-Content-Type-Options"] == "nosniff"
    assert record_response["X-Frame-Options"] == "DENY"


def test_sign_in_page_is_not_cached_either(client):
    assert "no-store" in client.get(reverse("login"))["Cache-Control"]


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "SAFEPLAN_PRODUCTION": "true",
        "DJANGO_SECRET_KEY": "x" * 30 + "production-like-secret-key-for-the-check-0123456789",
        "DJANGO_ALLOWED_HOSTS": "safeplan.example.org",
        "SAFEPLAN_AUDIT_KEY": "a-production-like-audit-checkpoint-key-0123456789",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "safeplan.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update(
        {
            "SAFEPLAN_PRODUCTION": "true",
            "DJANGO_ALLOWED_HOSTS": "x.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        }
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "safeplan.manage", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_an_empty_database_url_means_sqlite(monkeypatch):
    env = {**os.environ, "DATABASE_URL": ""}
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django,os;os.environ['DJANGO_SETTINGS_MODULE']='safeplan.config.settings';"
            "django.setup();from django.conf import settings;print(settings.DATABASES['default']['ENGINE'])",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3", result.stderr


def test_passwords_are_hashed_with_argon2_outside_tests():
    from safeplan.config import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"

"""Print the current second-factor code for the demo's published key (ADR 0007). Never in production."""

from base64 import b32decode
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from safeplan.site.management.commands.seed_demo import DEMO_TOTP_KEY


def current_demo_code() -> str:
    return f"{TOTP(b32decode(DEMO_TOTP_KEY)).token():06d}"


class Command(BaseCommand):
    help = "Print the current 6-digit code for the demo staff logins' authenticator key (not in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("demo_code is for the demo only: it does not run when SAFEPLAN_PRODUCTION is on.")
        self.stdout.write(current_demo_code())

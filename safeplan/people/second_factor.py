"""The second factor at sign-in (ADR 0007): a TOTP authenticator app (django-otp), single-use recovery codes stored
only as hashes, a lock after too many wrong codes, and an administrator's reset. Every change and every attempt
writes an audit row; no code, secret or hash ever goes into one (or into a log).

Views call these functions; each runs in one transaction with its audit row. A refusal is recorded and committed
first, then reported to the caller (as `start_break_glass` does), so a wrong code is never rolled back unaudited.
"""

import secrets
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil

import segno
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_
from django_otp.plugins.otp_totp.models import TOTPDevice
from markupsafe import Markup

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.people.access import staff_roles
from safeplan.people.models import RecoveryCode, SecondFactorAttempts, User

Action = AuditEvent.Action
Purpose = AuditEvent.Purpose
OBJECT_TYPE = "second_factor"
RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: easy to read aloud and to copy from paper. 10 characters of 31 is about 50 bits per code.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_LENGTH = 10
DEVICE_NAME = "Authenticator app"


class SecondFactorError(Exception):
    """A code that was refused. The message is safe to show the user; `locked` says the user must wait."""

    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.locked = locked


WRONG_CODE = N_("The code is not right. Enter the 6-digit code your authenticator app shows now.")


# --- Who needs it, and what they have


def is_required(user: User) -> bool:
    """Every staff role needs a second factor, and so does anyone who can open Django admin."""
    return bool(staff_roles(user)) or user.is_staff or user.is_superuser


def has_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user: User) -> TOTPDevice:
    """The device being set up: the same one (and so the same secret) until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_in_words(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed: base32, in groups of four."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_code_svg(device: TOTPDevice) -> Markup:
    """The device's otpauth:// address as an inline SVG QR code, drawn here: no network, no script."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#212b32", light="#ffffff", title=gettext("QR code to scan with your authenticator app")
    )
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))  # noqa: S704 - segno's own SVG


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


# --- The lock after too many wrong codes (the same limit and cool-off as signing in with a password)


def _limit() -> int:
    return int(settings.AXES_FAILURE_LIMIT)


def _cooloff() -> timedelta:
    cooloff: timedelta = settings.AXES_COOLOFF_TIME
    return cooloff


def cooloff_minutes() -> int:
    return ceil(_cooloff().total_seconds() / 60)


def locked_message() -> str:
    return gettext("You have entered a wrong code too many times. Wait %(minutes)s minutes, then try again.") % {
        "minutes": cooloff_minutes()
    }


def _attempts(user: User) -> SecondFactorAttempts:
    """This user's row, locked until the transaction ends, so their attempts are counted one at a time."""
    SecondFactorAttempts.objects.get_or_create(user=user)
    return SecondFactorAttempts.objects.select_for_update().get(user=user)


def _is_locked(attempts: SecondFactorAttempts, now: datetime) -> bool:
    if attempts.failures < _limit() or attempts.last_failure_at is None:
        return False
    return now - attempts.last_failure_at < _cooloff()


def _count_failure(attempts: SecondFactorAttempts, now: datetime) -> None:
    if attempts.last_failure_at is not None and now - attempts.last_failure_at >= _cooloff():
        attempts.failures = 0  # the cool-off passed: start counting again
    attempts.failures += 1
    attempts.last_failure_at = now
    attempts.save(update_fields=["failures", "last_failure_at"])


def _clear_failures(attempts: SecondFactorAttempts) -> None:
    if attempts.failures:
        attempts.failures = 0
        attempts.last_failure_at = None
        attempts.save(update_fields=["failures", "last_failure_at"])


# --- Codes


def normalise(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch not in " -")


def _looks_like_totp(code: str) -> bool:
    return len(code) == 6 and code.isdigit()


def _new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with ten new ones; return them, to be shown once and never again."""
    RecoveryCode.objects.filter(user=user).delete()
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH)) for _ in range(RECOVERY_CODE_COUNT)
    ]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=make_password(code)) for code in codes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def _use_recovery_code(user: User, code: str) -> bool:
    if len(code) != RECOVERY_LENGTH:
        return False
    for recovery in RecoveryCode.objects.select_for_update().filter(user=user, used_at__isnull=True):
        if check_password(code, recovery.code_hash):
            recovery.used_at = timezone.now()
            recovery.save(update_fields=["used_at"])
            return True
    return False


def _audit(actor: audit.Actor, action: str, user: User, reason: str, purpose: str = Purpose.ADMINISTRATION) -> None:
    audit.record(actor=actor, action=action, object_type=OBJECT_TYPE, object_id=user.pk, purpose=purpose, reason=reason)


def _refuse(
    actor: audit.Actor, user: User, attempts: SecondFactorAttempts, now: datetime, what: str
) -> SecondFactorError:
    """Count and audit a wrong code; the error to report once the transaction has committed."""
    _count_failure(attempts, now)
    locked = _is_locked(attempts, now)
    reason = f"{what}: wrong code" + (f"; locked for {cooloff_minutes()} minutes" if locked else "")
    _audit(actor, Action.DENIED, user, reason, Purpose.NONE)
    return SecondFactorError(locked_message() if locked else gettext(WRONG_CODE), locked=locked)


# --- What the pages do


def confirm_enrolment(*, actor: audit.Actor, user: User, device: TOTPDevice, code: str) -> list[str]:
    """The first code from a newly set-up app: confirm the device and return ten new recovery codes."""
    code = normalise(code)
    outcome: list[str] | SecondFactorError
    with transaction.atomic():
        now = timezone.now()
        attempts = _attempts(user)
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
        if _is_locked(attempts, now):
            _audit(actor, Action.DENIED, user, "set-up: refused while locked", Purpose.NONE)
            outcome = SecondFactorError(locked_message(), locked=True)
        elif not device.verify_is_allowed()[0]:
            outcome = _too_soon(actor, user, "set-up")
        elif _looks_like_totp(code) and device.verify_token(code):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            _clear_failures(attempts)
            outcome = _new_recovery_codes(user)
            _audit(actor, Action.CREATE, user, "authenticator app set up; 10 recovery codes issued")
        else:
            outcome = _refuse(actor, user, attempts, now, "set-up")
    if isinstance(outcome, SecondFactorError):
        raise outcome
    return outcome


def _too_soon(actor: audit.Actor, user: User, what: str) -> SecondFactorError:
    """django-otp's own back-off on the app (1, 2, 4, 8… seconds after wrong codes): nothing was checked."""
    _audit(actor, Action.DENIED, user, f"{what}: too soon after a wrong code", Purpose.NONE)
    return SecondFactorError("Wait a few seconds, then enter the code again.")


@dataclass(frozen=True)
class Verified:
    device: TOTPDevice
    used_recovery_code: bool
    recovery_codes_left: int


def verify(*, actor: audit.Actor, user: User, code: str, what: str = "sign-in") -> Verified:
    """Check a code from the app, or a recovery code in its place (used up by this). `what` names the step in the
    audit rows: signing in, or turning the second factor off."""
    done = "signed in" if what == "sign-in" else f"{what}: checked"
    code = normalise(code)
    outcome: Verified | SecondFactorError
    with transaction.atomic():
        now = timezone.now()
        attempts = _attempts(user)
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
        if device is None:
            outcome = SecondFactorError("Set up your authenticator app first.")
        elif _is_locked(attempts, now):
            _audit(actor, Action.DENIED, user, f"{what}: refused while locked", Purpose.NONE)
            outcome = SecondFactorError(locked_message(), locked=True)
        elif _looks_like_totp(code) and not device.verify_is_allowed()[0]:
            outcome = _too_soon(actor, user, what)
        elif _looks_like_totp(code) and device.verify_token(code):
            _clear_failures(attempts)
            _audit(actor, Action.UPDATE, user, f"{done} with the authenticator app", Purpose.NONE)
            outcome = Verified(device, used_recovery_code=False, recovery_codes_left=recovery_codes_left(user))
        elif not _looks_like_totp(code) and _use_recovery_code(user, code):
            _clear_failures(attempts)
            left = recovery_codes_left(user)
            _audit(actor, Action.UPDATE, user, f"{done} with a recovery code; {left} left", Purpose.NONE)
            outcome = Verified(device, used_recovery_code=True, recovery_codes_left=left)
        else:
            outcome = _refuse(actor, user, attempts, now, what)
    if isinstance(outcome, SecondFactorError):
        raise outcome
    return outcome


def regenerate_recovery_codes(*, actor: audit.Actor, user: User) -> list[str]:
    with transaction.atomic():
        if not has_device(user):
            raise SecondFactorError("Set up your authenticator app first.")
        codes = _new_recovery_codes(user)
        _audit(actor, Action.UPDATE, user, "10 new recovery codes issued; the old ones no longer work")
    return codes


def turn_off(*, actor: audit.Actor, user: User, code: str) -> None:
    """Someone for whom it is optional stops using a second factor, after showing they still can."""
    if is_required(user):
        raise SecondFactorError("Your role needs two-step verification, so it cannot be turned off.")
    verify(actor=actor, user=user, code=code, what="turning off")
    with transaction.atomic():
        _remove(user)
        _audit(actor, Action.UPDATE, user, "turned off by the user")


def reset(*, actor: audit.Actor, user: User) -> None:
    """An administrator's reset for a lost phone: remove the app and the recovery codes and end every session, so
    the user signs in again and sets up a new app. Audited."""
    with transaction.atomic():
        _remove(user)
        user.end_all_sessions()
        _audit(actor, Action.UPDATE, user, "reset by an administrator")


def _remove(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    SecondFactorAttempts.objects.filter(user=user).delete()


def enrol_with_key(*, actor: audit.Actor, user: User, key_hex: str, reason: str) -> TOTPDevice:
    """Give a user a confirmed app with a known key (the demo's documented key only: see seed_demo)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, key=key_hex, confirmed=True)
        _audit(actor, Action.CREATE, user, reason)
    return device

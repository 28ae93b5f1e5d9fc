"""The second factor before any page (ADR 0007). It lives in `people`, not `core`, because it must know staff roles."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse

from safeplan.core.middleware import GetResponse
from safeplan.people import second_factor
from safeplan.people.models import User

# The pages someone signed in with a password alone may reach: signing in and out, the second-factor steps
# themselves, and the pages that hold no personal data.
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {"login", "logout", "health", "about_records", "second_factor_verify", "second_factor_set_up"}
)


class SecondFactorMiddleware:
    """Until a session has passed the second factor, send staff (and anyone who turned it on) to it.

    Staff with no confirmed app go to set one up; anyone with one goes to enter a code. Runs after django-otp's
    OTPMiddleware, which marks the session's user as verified (`request.user.is_verified()`)."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> HttpResponseBase | None:
        if not settings.SAFEPLAN_REQUIRE_SECOND_FACTOR or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        user: User = request.user  # type: ignore[assignment]
        if user.is_verified():  # type: ignore[attr-defined]  # installed by django-otp's OTPMiddleware
            return None
        if second_factor.has_device(user):
            step = "second_factor_verify"
        elif second_factor.is_required(user):
            step = "second_factor_set_up"
        else:
            return None
        return HttpResponseRedirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")

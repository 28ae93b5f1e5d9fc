"""Request ids, session time limits and no-store caching."""

import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

GetResponse = Callable[[HttpRequest], HttpResponseBase]


class RequestIdMiddleware:
    """Give every request an id (or keep a well-formed one from the load balancer) for the audit trail."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        incoming = request.headers.get("X-Request-ID", "")
        # request_id is this middleware's own attribute, unknown to HttpRequest's stubs (audit reads it with getattr)
        request.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex  # type: ignore[attr-defined]
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
        return response


SESSION_STARTED = "safeplan_started"
SESSION_SEEN = "safeplan_seen"
# Refresh the last-seen time at most this often, so a page view is not also a session write.
SEEN_RESOLUTION_SECONDS = 60


class SessionTimeoutMiddleware:
    """Sign out after SESSION_IDLE_TIMEOUT without activity, and SESSION_ABSOLUTE_TIMEOUT after signing in."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(SESSION_STARTED, now)
            seen = request.session.get(SESSION_SEEN, now)
            idle = now - seen > settings.SESSION_IDLE_TIMEOUT.total_seconds()
            too_long = now - started > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if idle and not too_long and request.path in settings.SESSION_IDLE_EXEMPT_PATHS:
                # An exempt page opens, but does not count as activity: the next other page signs out.
                return self.get_response(request)
            if idle or too_long:
                logout(request)
                messages.info(
                    request,
                    translation.gettext(
                        "You were signed out because you had not done anything for a while. Sign in again to carry on."
                    )
                    if idle
                    else translation.gettext(
                        "You were signed out because you have been signed in for a long time. Sign in again."
                    ),
                )
                return redirect_to_login(request.get_full_path())
            if SESSION_STARTED not in request.session:
                request.session[SESSION_STARTED] = now
            if now - seen >= SEEN_RESOLUTION_SECONDS or SESSION_SEEN not in request.session:
                request.session[SESSION_SEEN] = now
        return self.get_response(request)


class LanguageMiddleware:
    """The language of safeplan's words: the signed-in user's choice (`User.language`), else the cookie the language
    switch sets, else English. Never the browser's Accept-Language: English stays the default."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # Signed in: their own choice (staff, who have none, always English); before signing in: the cookie.
        if request.user.is_authenticated:
            chosen = getattr(request.user, "language", "")
        else:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class NoStoreMiddleware:
    """Pages may show personal data: never let a browser or proxy keep a copy."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        return response

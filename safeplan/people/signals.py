"""Session bookkeeping at sign-in: when it started, for the absolute time limit."""

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from safeplan.core.middleware import SESSION_SEEN, SESSION_STARTED
from safeplan.people.models import User


@receiver(user_logged_in)
def remember_sign_in_time(sender: type[User], request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SESSION_STARTED] = now
        request.session[SESSION_SEEN] = now

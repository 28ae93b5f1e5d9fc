"""Session bookkeeping at sign-in: when it started, for the absolute time limit."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from safeplan.core.middleware import SESSION_SEEN, SESSION_STARTED


@receiver(user_logged_in)
def remember_sign_in_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SESSION_STARTED] = now
        request.session[SESSION_SEEN] = now

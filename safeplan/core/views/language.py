"""The language switch: remembered on the person's account when signed in (so every device follows it) and in a
cookie for the sign-in page. Nothing of the record changes; the words around it do."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST


@login_not_required
@require_POST
def choose_language(request: HttpRequest) -> HttpResponseRedirect | HttpResponseBadRequest:
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest("Choose English or Cymraeg.")
    user = request.user
    # Kept on the account of a person with a record only: staff pages stay English whatever is posted here.
    if user.is_authenticated and hasattr(user, "language") and getattr(user, "person_record", None) is not None:
        user.language = language
        user.save(update_fields=["language"])
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    response = HttpResponseRedirect(target if safe and target.startswith("/") else "/")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )
    return response

"""Error pages in the NHS design. A 404 never says whether a record exists."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {
            "title": _("Page not found"),
            "message": _(
                "If you typed the web address, check it is correct. If you followed a link, the page may have "
                "moved, or you may not have access to it."
            ),
        },
        status=404,
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {
            "title": _("You cannot do that"),
            "message": _("Your request could not be completed. Go back and try again."),
        },
        status=403,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {
            "title": _("Sorry, there is a problem with the service"),
            "message": _(
                "Try again later. If you were saving something, check whether it was saved before you enter it again."
            ),
        },
        status=500,
    )

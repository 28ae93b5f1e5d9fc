"""The request type of a view behind sign-in."""

from django.http import HttpRequest

from safeplan.people.models import User


class SignedInRequest(HttpRequest):
    """A request that passed LoginRequiredMiddleware: its user is a signed-in `User`, never AnonymousUser.

    Only for typing: views that are `login_not_required` take a plain HttpRequest."""

    user: User

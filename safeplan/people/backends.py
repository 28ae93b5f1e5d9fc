"""Signing in with Django's own user model, reading a signed-in user with their record (if they have one) in the one
query every request makes for the user: the layout asks `user.person_record` on every page, which was a second
query on every page (issue 16)."""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from safeplan.people.models import User


class UserBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = User._default_manager.select_related("person_record__organisation").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

"""Sessions signed in before `people.backends.UserBackend` replaced Django's ModelBackend (issue 16) name the old
backend, which Django honours only while it is listed in AUTHENTICATION_BACKENDS: without this, every signed-in
practitioner and person would be signed out at the release, mid-form or on their crisis page. Each live session is
rewritten to name the new backend (the same user model and password rules: nothing else about the session changes).
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from django.utils.module_loading import import_string

OLD = "django.contrib.auth.backends.ModelBackend"
NEW = "safeplan.people.backends.UserBackend"


def rename(apps, schema_editor, old: str = OLD, new: str = NEW):
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return
    Session = apps.get_model("sessions", "Session")
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = store.decode(session.session_data)
        if data.get("_auth_user_backend") == old:
            data["_auth_user_backend"] = new
            session.session_data = store.encode(data)
            session.save(update_fields=["session_data"])


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [("people", "0009_user_language"), ("sessions", "0001_initial")]
    operations = [migrations.RunPython(rename, rename_back)]

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeplan.config.settings")

application = get_wsgi_application()

# Load every view module now, as the worker starts, rather than at its first request (about 0.7 s: GOV.UK Notify's
# client, the bank holiday tables), so that nobody waits for it, after a restart or a worker replaced mid-shift.
get_resolver().url_patterns  # noqa: B018 - imported for its side effect

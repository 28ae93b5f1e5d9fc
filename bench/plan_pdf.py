"""The cost of the PDF: rendering an agreed 30-entry plan as the print page's HTML vs as a PDF (WeasyPrint).

Prints milliseconds per render for each and their ratio. Run by bench/run.sh against the throwaway bench database.
"""

import os
import time

import django

django.setup()

from django.template.loader import render_to_string  # noqa: E402

from safeplan.people.access import caseload_for, resolve_access  # noqa: E402
from safeplan.people.models import User  # noqa: E402
from safeplan.plans.bench_data import plan_with_entries  # noqa: E402
from safeplan.plans.pdf import render_plan_pdf  # noqa: E402
from safeplan.plans.presenters import entry_view  # noqa: E402
from safeplan.plans.services import Writer, sign_version  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_PDF_ROUNDS", "20"))

user = User.objects.get(username="load1-practitioner-0001")
person = caseload_for(user).order_by("id")[1]
plan = plan_with_entries(user, person, entries=30)
access = resolve_access(user, person.pk)
version = plan.versions.get()
# Agreement needs the person's own signature: sign for them here, as the bench person has no login.
person_access = access.__class__(person, role="person", purpose="self")
sign_version(Writer(user, access), version, content_hash_seen=version.content_hash)
sign_version(Writer(user, person_access), version, content_hash_seen=version.content_hash)
version.refresh_from_db()
context = {
    "person": person,
    "plan": plan,
    "version": version,
    "snapshot": version.snapshot,
    "ui": entry_view(access, live=False),
    "signatures": list(version.signatures.all()),
}


def timed(render) -> float:
    render()  # warm
    start = time.perf_counter()
    for _ in range(ROUNDS):
        render()
    return (time.perf_counter() - start) / ROUNDS * 1000


html_ms = timed(lambda: render_to_string("plans/pdf.jinja", context))
pdf_ms = timed(lambda: render_plan_pdf(context))
print(f"agreed plan, 30 entries: HTML {html_ms:.1f} ms, PDF {pdf_ms:.1f} ms per render")
print(f"ratio PDF/HTML {pdf_ms / html_ms:.0f}x")

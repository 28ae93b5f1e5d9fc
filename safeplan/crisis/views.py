"""Crisis mode: the person's crisis page, their wallet card, their plan to share, and keeping the page on their phone.

Every page is the signed-in person's own (404 for anyone else). Each page that shows something of the record is an
audited read; the service worker and the manifest hold nothing of anyone's and need no sign-in.
"""

import json
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from safeplan.audit.models import AuditEvent
from safeplan.core.forms import NHSForm
from safeplan.core.pdf import render_pdf
from safeplan.crisis.share import PARTS, share_text
from safeplan.people.access import RecordAccess
from safeplan.people.views.record_access import Shown, own_record_id, person_record_view, show
from safeplan.plans.crisis import crisis_card

HERE = Path(__file__).resolve().parent
SERVICE_WORKER = (HERE / "service_worker.js").read_text(encoding="utf-8")
CARD_CSS = (HERE / "static" / "crisis" / "card.css").read_text(encoding="utf-8")


def crisis(request: HttpRequest) -> HttpResponseBase:
    return _crisis(request, own_record_id(request))


@person_record_view("crisis_page")
def _crisis(request: HttpRequest, access: RecordAccess) -> Shown:
    context = {"person": access.person, "card": crisis_card(access), "crisis_page": True}
    # The service worker bringing the copy on the phone up to date says so: audited as that, not as the person
    # opening their crisis page (which could read as a sign of crisis to someone reading the trail).
    keeping = request.headers.get("X-Safeplan-Keeping") == "1"
    return show(request, "crisis/crisis.jinja", context, object_type="crisis_page_kept" if keeping else "")


def _without(request: HttpRequest) -> bool:
    """Whether the person chose to leave who not to contact off their card (someone on that list may find it)."""
    return request.GET.get("without") == "do-not-contact"


def card(request: HttpRequest) -> HttpResponseBase:
    return _card(request, own_record_id(request))


@person_record_view("crisis_card")
def _card(request: HttpRequest, access: RecordAccess) -> Shown:
    context = {"person": access.person, "card": crisis_card(access), "without_do_not_contact": _without(request)}
    return show(request, "crisis/card.jinja", context)


def card_pdf(request: HttpRequest) -> HttpResponseBase:
    return _card_pdf(request, own_record_id(request))


@person_record_view("crisis_card")
def _card_pdf(request: HttpRequest, access: RecordAccess) -> Shown:
    context = {
        "person": access.person,
        "card": crisis_card(access),
        "card_css": CARD_CSS,
        "without_do_not_contact": _without(request),
    }
    pdf = render_pdf("crisis/card_pdf.jinja", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="my-crisis-card.pdf"'
    return Shown(response, version="pdf", action=AuditEvent.Action.EXPORT)


class ShareForm(NHSForm):
    part = forms.MultipleChoiceField(
        label=gettext_lazy("What to send"),
        choices=[(key, gettext_lazy(label)) for key, label in PARTS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one part to share.")},
    )


def share(request: HttpRequest) -> HttpResponseBase:
    return _share(request, own_record_id(request))


@person_record_view("crisis_share")
def _share(request: HttpRequest, access: RecordAccess) -> Shown:
    """Choose the parts, then the words to send to someone the person chooses (nothing is sent from here)."""
    chosen = "show" in request.GET
    form = ShareForm(request.GET if chosen else None)
    text = ""
    if chosen and form.is_valid():
        text = share_text(crisis_card(access), form.cleaned_data["part"])
    return show(request, "crisis/share.jinja", {"person": access.person, "form": form, "text": text})


@require_GET
def on_this_phone(request: HttpRequest) -> HttpResponse:
    """What keeping the crisis page on this phone stores, and the buttons to do it or undo it (they need JavaScript;
    the phone keeps it, not the server, so nothing of the record is on this page)."""
    own_record_id(request)
    return render(request, "crisis/on_this_phone.jinja", {"crisis_url": reverse("crisis")})


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker that keeps the crisis page, and only that page and what it needs, on the phone."""
    response = HttpResponse(SERVICE_WORKER, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = reverse("crisis")
    return response


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: added to the home screen, safeplan opens straight into the crisis page."""
    start = reverse("crisis")
    data = {
        "name": _("safeplan: my crisis plan"),
        "short_name": _("My crisis plan"),
        "description": _("What to do and who to call, when you need it."),
        "lang": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        "start_url": start,
        "scope": start,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#005eb8",
        "icons": [
            {"src": static(f"crisis/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
            for size in (192, 512)
        ],
    }
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json")

"""What every page's layout needs: the organisation in the header, the navigation for the user's role.

The site's own links (record, caseload, emergency access, supporting, administration) are here; each capability
adds its own through `people.capabilities` (for example "Your plans").
"""

from typing import Any

from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

from safeplan.people.access import organisation_for, people_supported_by, staff_roles
from safeplan.people.capabilities import registered
from safeplan.people.models import Person, StaffRole, User


def person_record_of(user: User) -> Person | None:
    return getattr(user, "person_record", None) if user.is_authenticated else None


def navigation_for(request: HttpRequest) -> list[dict[str, Any]]:
    user: User = request.user  # type: ignore[assignment]
    if not user.is_authenticated:
        return []
    items: list[dict[str, Any]] = []
    for capability in registered():
        for link in capability.navigation:
            href = link.href(user)
            if href:
                items.append({"text": link.text, "href": href})
    if person_record_of(user) is not None:
        items.append({"text": gettext("Your record"), "href": reverse("your_record")})
    roles = {role.role for role in staff_roles(user)}
    if roles & set(StaffRole.TEAM_ROLES):
        items.append({"text": "Caseload", "href": reverse("caseload")})
        items.append({"text": "Emergency access", "href": reverse("break_glass_start")})
    if StaffRole.Role.TEAM_LEAD in roles:
        items.append({"text": "Review emergency access", "href": reverse("break_glass_review")})
        items.append({"text": "Withholdings to review", "href": reverse("withheld_past_review")})
    if not roles and people_supported_by(user).exists():
        items.append({"text": "People you support", "href": reverse("supporting")})
    if user.is_staff:
        items.append({"text": "Administration", "href": reverse("admin:index")})
    matching = [item for item in items if request.path.startswith(item["href"])]
    if matching:  # the most specific link is the current page
        max(matching, key=lambda item: len(item["href"]))["current"] = True
    return items


def device_owner(user: User) -> str:
    """Who a copy kept on a device belongs to (crisis mode's saved page): an opaque keyed token of the account, so a
    page can tell that the copy in its browser is someone else's and remove it, without naming anyone."""
    return salted_hmac("safeplan.device_owner", str(user.pk), algorithm="sha256").hexdigest()[:32]


def layout(request: HttpRequest) -> dict[str, Any]:
    person = person_record_of(request.user)  # type: ignore[arg-type]
    return {
        "signed_in_as": device_owner(request.user) if request.user.is_authenticated else "",  # type: ignore[arg-type]
        "crisis_url": reverse("crisis") if person is not None else "",
        # Crisis mode's home-screen app, for people with a record; its script on every page (signing out removes a
        # copy kept on the phone, and the sign-in page is where that finishes).
        "crisis_manifest": (
            {"manifest": reverse("crisis_manifest"), "icon": static("crisis/icon-192.png")}
            if person is not None
            else None
        ),
        "page_scripts": [static("crisis/offline.js")],
        "organisation": organisation_for(request.user),  # type: ignore[arg-type]
        "navigation_items": navigation_for(request),
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }

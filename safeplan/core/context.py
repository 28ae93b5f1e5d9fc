"""What every page's layout needs: the organisation in the header, the navigation for the user's role."""

from django.urls import reverse

from safeplan.people.access import people_supported_by, staff_roles
from safeplan.people.models import Organisation, Person, StaffRole


def person_record_of(user) -> Person | None:
    return getattr(user, "person_record", None) if user.is_authenticated else None


def organisation_for(user) -> Organisation | None:
    if not user.is_authenticated:
        return None
    roles = staff_roles(user)
    if roles:
        return roles[0].organisation
    person = person_record_of(user)
    if person is not None:
        return person.organisation
    support = people_supported_by(user).select_related("person__organisation").first()
    return support.person.organisation if support else None


def navigation_for(request) -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    items: list[dict] = []
    if person_record_of(user) is not None:
        items.append({"text": "Your plans", "href": reverse("your_plans")})
        items.append({"text": "Your record", "href": reverse("your_record")})
    roles = {role.role for role in staff_roles(user)}
    if roles & set(StaffRole.TEAM_ROLES):
        items.append({"text": "Caseload", "href": reverse("caseload")})
        items.append({"text": "Emergency access", "href": reverse("break_glass_start")})
    if StaffRole.Role.TEAM_LEAD in roles:
        items.append({"text": "Review emergency access", "href": reverse("break_glass_review")})
    if not roles and people_supported_by(user).exists():
        items.append({"text": "People you support", "href": reverse("supporting")})
    if user.is_staff:
        items.append({"text": "Administration", "href": reverse("admin:index")})
    matching = [item for item in items if request.path.startswith(item["href"])]
    if matching:  # the most specific link is the current page
        max(matching, key=lambda item: len(item["href"]))["current"] = True
    return items


def layout(request) -> dict:
    user = request.user
    return {
        "organisation": organisation_for(user),
        "navigation_items": navigation_for(request),
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }

"""Who may see an organisation's measures and improvement cycles: its oversight staff and its team leads. Figures
only: nothing here opens a record, and an oversight role opens none anywhere (people/access.py)."""

from django.http import Http404, HttpRequest

from safeplan.people.access import organisations_where, staff_roles
from safeplan.people.models import Organisation, StaffRole, User

ROLES = {StaffRole.Role.OVERSIGHT: "oversight", StaffRole.Role.TEAM_LEAD: "team lead"}


def overseen(user: User) -> list[Organisation]:
    """The organisations whose figures the user may see."""
    return organisations_where(user, set(ROLES))


def chosen(request: HttpRequest) -> tuple[Organisation, str]:
    """The organisation asked for (the first the user oversees, when not asked) and the role they see it in, for
    the audit row; 404 for anyone who oversees none."""
    user: User = request.user  # type: ignore[assignment]
    organisations = overseen(user)
    asked = request.GET.get("organisation", "") or request.POST.get("organisation", "")
    found = next((o for o in organisations if str(o.pk) == asked), organisations[0] if organisations else None)
    if found is None:
        raise Http404("Not available.")
    roles = {role.role for role in staff_roles(user) if role.organisation_id == found.pk}
    return found, ROLES[StaffRole.Role.OVERSIGHT if StaffRole.Role.OVERSIGHT in roles else StaffRole.Role.TEAM_LEAD]

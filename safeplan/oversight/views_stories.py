"""Practice stories: on a person's record, the care team writes one with them and the person sees theirs and can
withdraw it; the library lets staff of the organisation read the stories shared now, never linked to anyone."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.core.forms import posted
from safeplan.oversight import stories
from safeplan.oversight.forms import StoryForm
from safeplan.oversight.models import PracticeStory
from safeplan.people.access import RecordAccess, organisations_where
from safeplan.people.models import StaffRole
from safeplan.people.views.record_access import FORM, Shown, person_record_view, show, writer_or_404

STAFF: set[str] = {StaffRole.Role.PRACTITIONER, StaffRole.Role.TEAM_LEAD, StaffRole.Role.OVERSIGHT}


@person_record_view("practice_stories", methods=FORM)
def record_stories(request: HttpRequest, access: RecordAccess) -> Shown | HttpResponseBase:
    """The stories from this record: written here by the care team; withdrawn here by the person (or by the care
    team when the person tells them)."""
    form = StoryForm(posted(request) if request.POST.get("form") == "story" else None)
    if request.method == "POST":
        writer = writer_or_404(request, access)
        if request.POST.get("form") == "withdraw":
            asked = request.POST.get("story", "")
            story = (
                PracticeStory.objects.filter(pk=int(asked), person=access.person).first() if asked.isdigit() else None
            )
            if story is None:
                raise Http404("Not in this record.")
            stories.withdraw(writer, story)
            messages.success(request, _("Withdrawn. Nobody can read it any more."))
            return redirect("practice_stories", person_id=access.person.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                stories.write(
                    writer,
                    kind=data["kind"],
                    title=data["title"],
                    story=data["story"],
                    learned=data["learned"],
                    agreed_on=data["agreed_on"],
                )
            except stories.StoryError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Shared with staff across the organisation, without anyone's name.")
                return redirect("practice_stories", person_id=access.person.pk)
    context = {
        "person": access.person,
        "stories": stories.of(access.person),
        "form": form,
        "may_write": access.is_care_team and access.may_write,
        "may_withdraw": (access.is_person or access.is_care_team) and access.may_write,
        "own": access.is_person,
    }
    return show(request, "oversight/record_stories.jinja", context, status=422 if form.errors else 200)


def _readable(request: HttpRequest) -> list[int]:
    organisations = organisations_where(request.user, STAFF)  # type: ignore[arg-type]
    if not organisations:
        raise Http404("Not available.")
    return [o.pk for o in organisations]


def library(request: HttpRequest) -> HttpResponse:
    with transaction.atomic():
        found = list(stories.library(_readable(request)))
        audit.record_listing(
            request,
            role="staff",
            object_type="practice_stories",
            shown=len(found),
            purpose=AuditEvent.Purpose.GOVERNANCE,
        )
        response = render(request, "oversight/stories.jinja", {"stories": found})
    return response


def story_page(request: HttpRequest, story_id: int) -> HttpResponse:
    with transaction.atomic():
        story = stories.library(_readable(request)).filter(pk=story_id).first()
        if story is None:
            raise Http404("Not available.")
        audit.record(
            actor=audit.actor_for(request, "staff"),
            action=AuditEvent.Action.READ,
            object_type="practice_story",
            object_id=story.pk,
            purpose=AuditEvent.Purpose.GOVERNANCE,
        )
        response = render(request, "oversight/story.jinja", {"story": story})
    return response

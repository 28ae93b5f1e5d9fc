"""The care team records a restorative response to a concern, with the person's agreement (restorative.py). The case
page shows it to whoever may see the case."""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect

from safeplan.concerns import restorative
from safeplan.concerns.forms import RestorativeForm
from safeplan.concerns.models import Kind
from safeplan.concerns.queries import concern_in_record
from safeplan.concerns.services import ConcernError
from safeplan.core.forms import posted
from safeplan.people.access import RecordAccess
from safeplan.people.views.record_access import FORM, Shown, person_record_view, show, writer_or_404


@person_record_view("concern", methods=FORM)
def record_restorative(request: HttpRequest, access: RecordAccess, concern_id: UUID) -> Shown | HttpResponseBase:
    if not access.is_care_team:
        raise Http404("The care team records a restorative response.")
    concern = concern_in_record(access, concern_id)
    if concern.kind != Kind.CONCERN:
        raise Http404("A restorative response follows a concern.")
    choices = {choice.key: choice for choice in restorative.changed_choices(access)}
    name = access.person.name_to_use
    teller = name if concern.person_follows else concern.raised_by_name
    form = RestorativeForm(
        posted(request),
        changed_choices=[(key, choice.text) for key, choice in choices.items()],
        name=name,
        teller=teller,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        choice = choices[data["changed"]]
        changed = choice.changed or restorative.Changed(choice.key, words=data["changed_words"])
        try:
            restorative.record_restorative(
                writer_or_404(request, access),
                concern,
                agreed_on=data["agreed_on"],
                their_account=data["their_account"],
                our_account=data["our_account"],
                apology=data["apology"],
                what_changed=data["what_changed"],
                changed=changed,
                learned=data["learned"],
            )
        except ConcernError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Saved. The restorative response is on the case, for {teller} to read.")
            return redirect("concern", person_id=access.person.pk, concern_id=concern.pk)
    context = {"person": access.person, "concern": concern, "form": form, "teller": teller}
    status = 422 if form.errors else 200
    return show(request, "concerns/restorative.jinja", context, status=status, object_id=concern.pk)

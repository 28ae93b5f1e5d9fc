"""A person's shared decisions: the list, starting one, and the whole record on one page."""

from functools import partial
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from safeplan.core.forms import posted
from safeplan.decisions import presenters, services, withheld
from safeplan.decisions.forms import StartForm
from safeplan.decisions.models import Agreement, Decision
from safeplan.decisions.presenters import decision_in_record, status
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import item_actions
from safeplan.people.records import writer_for
from safeplan.people.views.record_access import FORM, Shown, person_record_view, show


@person_record_view("decisions", methods=FORM)
def decision_list(request: HttpRequest, access: RecordAccess) -> Shown | HttpResponseBase:
    writer = writer_for(request, access)
    form = StartForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.start_decision(
                writer, question=form.cleaned_data["question"], context=form.cleaned_data["context"]
            )
        except services.DecisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Started. Carrying on as now is already an option: add the others."))
            return redirect("decision", person_id=access.person.pk, decision_id=decision.pk)
    decisions = list(Decision.objects.filter(person=access.person).prefetch_related("outcomes"))
    agreements = {a.decision_id: a for a in Agreement.objects.filter(decision__in=decisions)}
    context = {
        "person": access.person,
        "is_person": access.is_person,
        "can_write": access.may_write,
        "rows": [(d, status(d, agreements.get(d.pk), is_person=access.is_person)) for d in decisions],
        "form": form,
    }
    return show(request, "decisions/list.jinja", context, status=422 if form.errors else 200)


@person_record_view("decision", supporters=True)
def decision_page(request: HttpRequest, access: RecordAccess, decision_id: UUID) -> Shown:
    decision = decision_in_record(access, decision_id)
    agreement = Agreement.objects.filter(decision=decision).select_related("chosen").first()
    context = {
        "person": access.person,
        "decision": decision,
        "is_person": access.is_person,
        "is_supporter": access.is_supporter,
        "can_write": access.may_write,
        "is_staff": access.is_care_team,
        "options": list(decision.options.prefetch_related("later_harms")),
        "persons_view": services.persons_view(decision),
        "capacity": services.capacity(decision),
        "agreement": agreement,
        "may_sign": presenters.may_sign(agreement, access),
        "outcomes": list(decision.outcomes.all()),
        "status": status(decision, agreement, is_person=access.is_person),
        "actions": item_actions(access),
        "area": partial(presenters.area, is_person=access.is_person),
        "voice": partial(presenters.voice, is_person=access.is_person),
        "likely_and_serious": partial(presenters.likelihood_and_seriousness, is_person=access.is_person),
        "title": presenters.option_title,
        **withheld.page_context(access, decision, agreement),  # views and frameworks as this reader may see them
    }
    return show(request, "decisions/decision.jinja", context, object_id=decision.pk)

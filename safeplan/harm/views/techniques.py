"""Adding a technique to a harm-minimisation plan, and recording a conversation a prompt asked for."""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from safeplan.core.forms import posted
from safeplan.harm import services
from safeplan.harm.forms import ConversationForm, TechniqueForm
from safeplan.harm.models import Technique
from safeplan.harm.prompts import PROMPTS, applicable
from safeplan.people.access import RecordAccess
from safeplan.people.views.record_access import FORM, Shown, person_record_view, show, writer_or_404
from safeplan.plans import services as plan_services
from safeplan.plans.models import Mode, Plan, Voice
from safeplan.plans.queries import plan_in_record


def harm_plan(access: RecordAccess, plan_id: UUID) -> Plan:
    plan = plan_in_record(access, plan_id)
    if plan.template.key != services.HARM_TEMPLATE:
        raise Http404("Not a harm-minimisation plan.")
    return plan


@person_record_view("safety_plan", methods=FORM)
def add_technique(request: HttpRequest, access: RecordAccess, plan_id: UUID) -> Shown | HttpResponseBase:
    plan = harm_plan(access, plan_id)
    author = writer_or_404(request, access)
    techniques = list(Technique.objects.filter(organisation_id=access.person.organisation_id).order_by("-endorsed"))
    form = TechniqueForm(posted(request), techniques=techniques)
    if request.method == "POST" and form.is_valid():
        voice = Voice.PERSON
        mode = Mode.OWN if author.is_person else Mode.TOGETHER
        try:
            entry = plan_services.add_entry(
                author,
                plan,
                section_key="techniques",
                item_key="technique",
                fields=form.entry_fields(),
                voice=voice,
                mode=mode,
            )
        except plan_services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Added to the plan."))
            response = redirect("plan", person_id=access.person.pk, plan_id=plan.pk)
            response["Location"] += f"#entry-{entry.pk}"
            return response
    context = {
        "person": access.person,
        "plan": plan,
        "form": form,
        "techniques": techniques,
        "is_person": author.is_person,
    }
    return show(request, "harm/add_technique.jinja", context, status=422 if form.errors else 200, object_id=plan.pk)


@person_record_view("safety_plan", methods=FORM)
def record_conversation(
    request: HttpRequest, access: RecordAccess, plan_id: UUID, prompt_key: str
) -> Shown | HttpResponseBase:
    plan = harm_plan(access, plan_id)
    author = writer_or_404(request, access)
    prompt = PROMPTS.get(prompt_key)
    if prompt is None or not author.is_care_team or prompt not in applicable(plan):
        raise Http404("Nothing to talk through.")
    form = ConversationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_conversation(author, plan, prompt_key=prompt_key, note=form.cleaned_data["note"])
        except plan_services.PlanError as error:
            form.add_error("note", str(error))
        else:
            messages.success(request, "The conversation is recorded in the plan's history.")
            return redirect("plan", person_id=access.person.pk, plan_id=plan.pk)
    name = access.person.name_to_use
    context = {
        "person": access.person,
        "plan": plan,
        "form": form,
        "heading": prompt.heading.format(name=name),
        "text": prompt.text.format(name=name),
    }
    return show(request, "harm/conversation.jinja", context, status=422 if form.errors else 200, object_id=plan.pk)

"""Inviting someone into the person's circle (the person, or their care team with the person's agreement), and the
page the invited person opens from their e-mail."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from safeplan.circle import carers, invitations
from safeplan.circle.forms import AssessmentOfferForm, CarerNeedsForm, InviteForm, NewAccountForm
from safeplan.circle.models import Invitation
from safeplan.circle.services import SharingError, supporters_of
from safeplan.core.forms import posted
from safeplan.people.access import RecordAccess
from safeplan.people.models import User
from safeplan.people.records import writer_for
from safeplan.people.views.record_access import ACTION, FORM, Shown, person_record_view, show, writer_or_404


@person_record_view("circle", methods=FORM)
def circle_page(request: HttpRequest, access: RecordAccess) -> Shown | HttpResponseBase:
    """Who the person has chosen, invitations waiting, and inviting someone new."""
    writer = writer_or_404(request, access) if request.method == "POST" else writer_for(request, access)
    data = posted(request)
    form = InviteForm(data, for_care_team=access.is_care_team)
    link = ""
    if request.method == "POST" and form.is_valid():
        try:
            invitation, link = invitations.invite(
                writer,
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                relationship=form.cleaned_data["relationship"],
                person_agreed_on=form.cleaned_data.get("person_agreed_on"),
                confirmed_despite_do_not_contact=bool(form.cleaned_data.get("confirmed")),
                link_base=request.build_absolute_uri("/"),
            )
        except invitations.OnDoNotContactList as warning:
            form = InviteForm(data, for_care_team=access.is_care_team, ask_to_confirm=True)
            form.is_valid()
            form.add_error("confirmed", str(warning))
        except SharingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("We have e-mailed %(name)s a link. It works once, for 7 days.") % {"name": invitation.name}
            )
            form = InviteForm(None, for_care_team=access.is_care_team)
    context = {
        "person": access.person,
        "is_person": access.is_person,
        "can_write": access.may_write,
        "supporters": supporters_of(writer),
        "carers": carers.summaries(supporters_of(writer), for_person=access.is_person),
        "offer_forms": {s.pk: AssessmentOfferForm(prefix=f"offer-{s.pk}") for s in supporters_of(writer)},
        "waiting": Invitation.objects.filter(
            person=access.person, accepted_at=None, withdrawn_at=None, expires_at__gt=timezone.now()
        ),
        "form": form,
        "link": link,
    }
    return show(request, "circle/circle.jinja", context, status=422 if form.errors else 200)


@person_record_view("circle", methods=ACTION)
def withdraw(request: HttpRequest, access: RecordAccess, invitation_id: str) -> HttpResponseBase:
    invitation = Invitation.objects.filter(pk=invitation_id, person=access.person).first()
    if invitation is None:
        raise Http404("No such invitation.")
    try:
        invitations.withdraw(writer_or_404(request, access), invitation)
    except SharingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The invitation to %(name)s is withdrawn. Its link no longer works.") % {"name": invitation.name}
        )
    return redirect("circle", person_id=access.person.pk)


@login_not_required
@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invited person's page: what it is, then accept as the signed-in account or with a new one."""
    try:
        found = invitations.find(token)
    except invitations.InvitationUnusable as error:
        return render(request, "circle/invitation_unusable.jinja", {"message": str(error)}, status=404)
    if found.state != "waiting":
        unusable = {"message": invitations.UNUSABLE[found.state]}
        return render(request, "circle/invitation_unusable.jinja", unusable, status=410)
    signed_in = request.user.is_authenticated
    form = NewAccountForm(posted(request) if not signed_in else None)
    if request.method == "POST" and (signed_in or form.is_valid()):
        user: User
        if signed_in:
            user = request.user  # type: ignore[assignment]
        else:
            user = User(username=form.cleaned_data["username"], display_name=form.cleaned_data["display_name"])
            user.set_password(form.cleaned_data["password"])
        try:
            with transaction.atomic():  # a new account exists only if the invitation is accepted with it
                if not signed_in:
                    user.save()
                support = invitations.accept(token, user, request_id=getattr(request, "request_id", ""))
        except invitations.InvitationUnusable as error:
            return render(request, "circle/invitation_unusable.jinja", {"message": str(error)}, status=410)
        except SharingError as error:
            refused = str(error)
        else:
            if not signed_in:
                login(request, user, backend="safeplan.people.backends.UserBackend")
            role = support.get_kind_display().lower()
            messages.success(request, f"You are now {support.person.name_to_use}'s {role}.")
            return redirect("supporting")
    else:
        refused = ""
    page = {"invitation": found, "signed_in": signed_in, "form": form, "refused": refused}
    failed = bool(refused) or (request.method == "POST" and bool(form.errors))
    return render(request, "circle/invitation.jinja", page, status=422 if failed else 200)


@person_record_view("circle", methods=ACTION)
def record_assessment_offer(request: HttpRequest, access: RecordAccess) -> HttpResponseBase:
    """The care team records when they offered a supporter a carer's assessment."""
    writer = writer_or_404(request, access)
    chosen = request.POST.get("support", "")
    support = next((s for s in supporters_of(writer) if str(s.pk) == chosen), None)
    if support is None:
        raise Http404("Not one of the person's supporters.")
    form = AssessmentOfferForm(request.POST, prefix=f"offer-{support.pk}")
    if not form.is_valid():
        messages.error(request, f"{form.errors['offered_on'][0]}. Nothing was saved.")
        return redirect("circle", person_id=access.person.pk)
    try:
        carers.record_offer(writer, support, form.cleaned_data["offered_on"])
    except carers.CarerError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Saved: {support.user} was offered a carer's assessment.")
    return redirect("circle", person_id=access.person.pk)


def carer_needs(request: HttpRequest, support_id: int) -> HttpResponse:
    """The supporter's own page: what they need as a carer, and whether the person may read it."""
    with transaction.atomic():
        support = carers.own_support(request.user, support_id)  # type: ignore[arg-type]
        [current] = carers.summaries([support], for_person=False)
        initial: dict[str, object] = {"offered_on": current.offer.offered_on} if current.offer else {}
        if current.note:
            initial |= {"needs": current.note.needs, "person_may_see": current.note.person_may_see}
        form = CarerNeedsForm(posted(request), initial=initial, name=support.person.name_to_use)
        if request.method == "POST" and form.is_valid():
            try:
                carers.note_needs(
                    request.user,  # type: ignore[arg-type]
                    support,
                    needs=form.cleaned_data["needs"],
                    person_may_see=form.cleaned_data["person_may_see"],
                    offered_on=form.cleaned_data["offered_on"],
                    request_id=getattr(request, "request_id", ""),
                )
            except carers.CarerError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Saved. The care team can read it, and so can they if you ticked that.")
                return redirect("supporting")
        carers.audit_carer_read(request, support)
        page = {"support": support, "current": current, "form": form}
        response = render(request, "circle/carer_needs.jinja", page, status=422 if form.errors else 200)
    return response

"""Second-factor pages (ADR 0007): set up an authenticator app, enter a code at sign-in, see recovery codes once,
and (for everyone) a page to manage it, linked from "Change password". Every page works without JavaScript."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from safeplan.audit import services as audit
from safeplan.core.forms import NHSForm
from safeplan.people import second_factor
from safeplan.people.access import role_label
from safeplan.people.requests import SignedInRequest

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # (a development dependency: for the type checker only)

CODE_LABEL = gettext_lazy("Enter the 6-digit code from your authenticator app")


class CodeForm(NHSForm):
    code = forms.CharField(
        label=CODE_LABEL,
        max_length=32,
        error_messages={"required": CODE_LABEL},
        widget=forms.TextInput(
            attrs={
                "classes": "nhsuk-input--width-10",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "label_classes": "nhsuk-label--m",
            }
        ),
    )

    def __init__(self, *args: Any, hint: "StrOrPromise" = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = hint


VERIFY_HINT = gettext_lazy("If you cannot use your app, enter one of your recovery codes instead.")
SET_UP_HINT = gettext_lazy("The code changes every 30 seconds.")


def _next(request: HttpRequest) -> str:
    """Where to go once the second factor is done: the page the user asked for, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else "/"


def _actor(request: SignedInRequest) -> audit.Actor:
    return audit.actor_for(request, role_label(request.user))


def verify(request: SignedInRequest) -> HttpResponse:
    """The second step of signing in: a code from the app, or a recovery code."""
    user = request.user
    if user.is_verified():  # type: ignore[attr-defined]  # django-otp's OTPMiddleware
        return redirect(_next(request))
    if not second_factor.has_device(user):
        if second_factor.is_required(user):
            return redirect(f"{reverse('second_factor_set_up')}?{request.GET.urlencode()}")
        return redirect(_next(request))
    form = CodeForm(request.POST if request.method == "POST" else None, hint=VERIFY_HINT)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                verified = second_factor.verify(actor=_actor(request), user=user, code=form.cleaned_data["code"])
            except second_factor.SecondFactorError as error:
                form.add_error("code", str(error))
                status = 429 if error.locked else 422
            else:
                otp_login(request, verified.device)
                if verified.used_recovery_code:
                    messages.info(request, _recovery_message(verified.recovery_codes_left))
                return redirect(_next(request))
    context = {"form": form, "next": _next(request)}
    return render(request, "people/second_factor_verify.jinja", context, status=status)


def _recovery_message(left: int) -> str:
    if left == 0:
        return gettext(
            "You used your last recovery code. Get new ones from “Two-step verification” on the password page."
        )
    return gettext("You used a recovery code. It will not work again. You have %(left)s left.") % {"left": left}


def set_up(request: SignedInRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the secret), then enter one code to confirm."""
    user = request.user
    if second_factor.has_device(user):
        # Never a second app before the first is proved: a session signed in with a password alone goes to verify.
        if user.is_verified():  # type: ignore[attr-defined]
            return redirect("second_factor_manage")
        return redirect(f"{reverse('second_factor_verify')}?{request.GET.urlencode()}")
    device = second_factor.pending_device(user)
    form = CodeForm(request.POST if request.method == "POST" else None, hint=SET_UP_HINT)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                codes = second_factor.confirm_enrolment(
                    actor=_actor(request), user=user, device=device, code=form.cleaned_data["code"]
                )
            except second_factor.SecondFactorError as error:
                form.add_error("code", str(error))
                status = 429 if error.locked else 422
            else:
                otp_login(request, device)
                return _show_recovery_codes(request, codes, first_time=True)
    context = {
        "form": form,
        "next": _next(request),
        "qr_code": second_factor.qr_code_svg(device),
        "secret": second_factor.secret_in_words(device),
        "required": second_factor.is_required(user),
    }
    return render(request, "people/second_factor_set_up.jinja", context, status=status)


def _show_recovery_codes(request: SignedInRequest, codes: list[str], *, first_time: bool) -> HttpResponse:
    """The only time these codes are ever shown: the answer to the POST that made them; only hashes are kept."""
    context = {"codes": codes, "first_time": first_time, "next": _next(request)}
    return render(request, "people/second_factor_recovery_codes.jinja", context)


def manage(request: SignedInRequest) -> HttpResponse:
    """Two-step verification for this login: on or off, recovery codes left, new codes, turning it off."""
    user = request.user
    context = {
        "on": second_factor.has_device(user),
        "required": second_factor.is_required(user),
        "codes_left": second_factor.recovery_codes_left(user),
        "form": CodeForm(hint=VERIFY_HINT),
    }
    return render(request, "people/second_factor_manage.jinja", context)


@require_POST
def new_recovery_codes(request: SignedInRequest) -> HttpResponse:
    try:
        codes = second_factor.regenerate_recovery_codes(actor=_actor(request), user=request.user)
    except second_factor.SecondFactorError as error:
        raise Http404(str(error)) from error
    return _show_recovery_codes(request, codes, first_time=False)


@require_POST
def turn_off(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if second_factor.is_required(user) or not second_factor.has_device(user):
        raise Http404("Not available.")
    form = CodeForm(request.POST, hint=VERIFY_HINT)
    status = 422
    if form.is_valid():
        try:
            second_factor.turn_off(actor=_actor(request), user=user, code=form.cleaned_data["code"])
        except second_factor.SecondFactorError as error:
            form.add_error("code", str(error))
            status = 429 if error.locked else 422
        else:
            messages.success(
                request, gettext("Two-step verification is off. You will sign in with your password alone.")
            )
            return redirect("second_factor_manage")
    context = {
        "on": True,
        "required": False,
        "codes_left": second_factor.recovery_codes_left(user),
        "form": form,
    }
    return render(request, "people/second_factor_manage.jinja", context, status=status)

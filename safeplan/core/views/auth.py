"""Signing in and out. Throttling is django-axes; every session of a user ends on sign-out and password change."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from safeplan.core.forms import NHSFormMixin


class SignInForm(NHSFormMixin, AuthenticationForm):
    username = forms.CharField(
        label=gettext_lazy("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=gettext_lazy("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": gettext_lazy("Enter a correct username and password. Both are case-sensitive."),
        "inactive": gettext_lazy("This account has been disabled. Ask your administrator."),
    }


class ChangePasswordForm(NHSFormMixin, PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django's hint is an HTML list, which the NHS hint shows as text: the same sentences, plainly.
        self.fields["new_password1"].help_text = " ".join(password_validators_help_texts())


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "core/sign_in.jinja"
    redirect_authenticated_user = True

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class ChangePasswordView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "core/change_password.jinja"

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        # Django keeps this session and ends the others (the password is part of every session's hash).
        response = super().form_valid(form)
        messages.success(
            self.request, gettext("Your password has been changed. You have been signed out everywhere else.")
        )
        return response

    def form_invalid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 422
        return response

    def get_success_url(self) -> str:
        return "/"


@require_POST
def sign_out(request: HttpRequest) -> HttpResponseRedirect:
    """Sign out here and on every other device."""
    if request.user.is_authenticated:
        request.user.end_all_sessions()
    logout(request)
    messages.info(request, gettext("You have signed out."))
    response = redirect("login")
    # Anything this browser keeps for safeplan (the crisis page kept on a phone) goes too: a phone may be shared.
    response["Clear-Site-Data"] = '"cache", "storage"'
    # For a browser without Clear-Site-Data, the sign-in page's script removes it (crisis/static/crisis/offline.js).
    response.set_cookie("safeplan-forget-offline", "1", max_age=300, samesite="Strict", secure=request.is_secure())
    return response


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
    *args: Any,
    **kwargs: Any,
) -> HttpResponse:
    """django-axes calls this after too many failed sign-ins."""
    message = gettext("You have tried to sign in too many times. Wait 15 minutes, then try again.")
    context = {"form": SignInForm(request), "error_summary": [{"text": message, "href": "#id_username"}]}
    return render(request, "core/sign_in.jinja", context, status=429)

"""Django admin for organisations, teams, people and care relationships. Every view and change of anything about a
person is written to the audit trail in the same transaction."""

from typing import Any
from uuid import UUID

from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.people import second_factor, services
from safeplan.people.models import (
    BreakGlassGrant,
    CareRelationship,
    Organisation,
    Person,
    StaffRole,
    SupportRelationship,
    Team,
    User,
)
from safeplan.people.wording import LanguagePhrase

Action = AuditEvent.Action


class AuditedAdmin(admin.ModelAdmin):
    """Audits the list, each record opened, and each addition, change and deletion (as `administration`)."""

    person_field: str | None = None  # how to reach the person an object is about

    def _person_id(self, obj: Model | None) -> UUID | None:
        if obj is None or self.person_field is None:
            return None
        return obj.pk if self.person_field == "self" else getattr(obj, self.person_field)

    def _record(self, request: HttpRequest, action: str, obj: Model | None = None, object_id: object = "") -> None:
        audit.record(
            actor=audit.actor_for(request, "administrator"),
            action=action,
            object_type=self.model._meta.model_name,
            object_id=obj.pk if obj is not None else object_id,
            person_id=self._person_id(obj),
            purpose=AuditEvent.Purpose.ADMINISTRATION,
        )

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        with transaction.atomic():
            response = super().changelist_view(request, extra_context)
            if hasattr(response, "render"):
                response.render()
            self._record(request, Action.LIST, object_id="list")
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        with transaction.atomic():
            response = super().change_view(request, object_id, form_url, extra_context)
            if request.method == "GET":
                if hasattr(response, "render"):
                    response.render()
                obj = self.get_object(request, object_id)
                if obj is not None:
                    self._record(request, Action.READ, obj)
        return response

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> LogEntry:
        self._record(request, Action.CREATE, obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> LogEntry:
        self._record(request, Action.UPDATE, obj)
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: QuerySet[Model]) -> list[LogEntry] | LogEntry:
        for obj in queryset:
            self._record(request, Action.UPDATE, obj, object_id=f"deleted {obj.pk}")
        return super().log_deletions(request, queryset)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "is_nhs_body", "review_interval_months"]


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]


@admin.register(StaffRole)
class StaffRoleAdmin(AuditedAdmin):
    list_display = ["user", "role", "team", "organisation", "job_title"]
    list_filter = ["role", "organisation"]
    autocomplete_fields = ["user"]


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    person_field = "self"
    list_display = ["full_name", "nhs_number", "date_of_birth", "organisation"]
    search_fields = ["full_name", "nhs_number"]
    list_filter = ["organisation"]
    autocomplete_fields = ["user"]
    show_full_result_count = False


@admin.register(CareRelationship)
class CareRelationshipAdmin(AuditedAdmin):
    person_field = "person_id"
    list_display = ["person", "team", "started_on", "ended_on"]
    list_filter = ["team"]
    autocomplete_fields = ["person"]
    list_select_related = ["person", "team"]


@admin.register(SupportRelationship)
class SupportRelationshipAdmin(AuditedAdmin):
    person_field = "person_id"
    list_display = ["user", "kind", "person", "relationship", "started_on", "ended_on"]
    autocomplete_fields = ["person", "user"]
    list_select_related = ["person", "user"]


@admin.register(BreakGlassGrant)
class BreakGlassGrantAdmin(AuditedAdmin):
    person_field = "person_id"
    list_display = ["user", "person", "started_at", "expires_at", "ended_at", "reviewed_at"]
    list_select_related = ["person", "user"]
    readonly_fields = [f.name for f in BreakGlassGrant._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: BreakGlassGrant | None = None) -> bool:
        return False


@admin.register(User)
class SafeplanUserAdmin(UserAdmin, AuditedAdmin):
    list_display = ["username", "display_name", "is_active", "is_staff"]
    search_fields = ["username", "display_name"]
    fieldsets = (*(UserAdmin.fieldsets or ()), ("safeplan", {"fields": ["display_name"]}))
    actions = ["disable_accounts", "reset_second_factor"]

    @admin.action(description="Disable the selected accounts and end their sessions")
    def disable_accounts(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            services.disable_account(actor=audit.actor_for(request, "administrator"), user=user)
        messages.success(request, f"Disabled {queryset.count()} account(s).")

    @admin.action(description="Reset second factor")
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        """For a lost phone: the user signs in again and sets up a new authenticator app (ADR 0007). Audited."""
        for user in queryset:
            second_factor.reset(actor=audit.actor_for(request, "administrator"), user=user)
        messages.success(
            request,
            f"Reset two-step verification for {queryset.count()} account(s). They set up an app at their next sign-in.",
        )

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm, change: bool) -> None:
        was_active = change and User.objects.filter(pk=obj.pk, is_active=True).exists()
        super().save_model(request, obj, form, change)
        if was_active and not obj.is_active:
            obj.end_all_sessions()


# django-otp's own device admin shows each secret as a QR code, unaudited: devices are managed by the pages and the
# "Reset second factor" action instead (ADR 0007).
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)

admin.site.site_header = "safeplan administration"
admin.site.site_title = "safeplan administration"


@admin.register(LanguagePhrase)
class LanguagePhraseAdmin(AuditedAdmin):
    """An organisation's own language guide: once it has any phrase, its list is used instead of the shipped one."""

    list_display = ["phrase", "alternative", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["phrase", "alternative"]

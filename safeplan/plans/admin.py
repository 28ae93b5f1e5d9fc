"""Admin for an organisation's plan templates and crisis lines. Plans themselves are not in admin: they are part of
a person's record, which administrators do not read without a care relationship."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Max, QuerySet
from django.http import HttpRequest

from safeplan.people.admin import AuditedAdmin
from safeplan.people.models import StaffRole
from safeplan.people.requests import SignedInRequest
from safeplan.plans.models import CrisisLine, PlanTemplate
from safeplan.plans.plan_templates import TemplateError, validate_definition


def admin_organisation_id(request: SignedInRequest) -> int | None:
    role = StaffRole.objects.filter(user=request.user, role=StaffRole.Role.ADMINISTRATOR).order_by("pk").first()
    return role.organisation_id if role else None


def next_version(organisation_id: int, key: str) -> int:
    found = PlanTemplate.objects.filter(organisation_id=organisation_id, key=key).aggregate(n=Max("version"))["n"]
    return (found or 0) + 1


class TemplateForm(forms.ModelForm):
    class Meta:
        model = PlanTemplate
        fields = ["definition"]

    def clean_definition(self) -> dict[str, Any]:
        definition = self.cleaned_data["definition"]
        try:
            validate_definition(definition)
        except TemplateError as error:
            raise forms.ValidationError(str(error)) from error
        if self.instance.pk and definition["key"] != self.instance.key:
            raise forms.ValidationError("Keep the key: a copy with a new key is a new template.")
        return definition


@admin.register(PlanTemplate)
class PlanTemplateAdmin(AuditedAdmin):
    form = TemplateForm
    list_display = ["title", "key", "version", "organisation", "source"]
    list_filter = ["key", "organisation"]
    readonly_fields = ["organisation", "key", "version", "title", "source", "loaded_at"]
    actions = ["copy_for_my_organisation"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # shipped templates come from files; an organisation's come from copying one

    def has_delete_permission(self, request: HttpRequest, obj: PlanTemplate | None = None) -> bool:
        return False  # plans remember the version they started from

    def has_change_permission(self, request: HttpRequest, obj: PlanTemplate | None = None) -> bool:
        if obj is not None and obj.organisation_id is None:
            return False  # shipped templates change only through their files and a new version number
        return super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: PlanTemplate, form: TemplateForm, change: bool) -> None:
        definition = form.cleaned_data["definition"]
        if obj.plans.exists():
            # Plans started from this version keep it: the edit becomes the next version.
            obj.pk = None
            obj._state.adding = True
            # shipped ones (no organisation) are never saved here: has_change_permission refuses them
            obj.version = next_version(obj.organisation_id, obj.key)  # type: ignore[arg-type]
            messages.info(request, f"Plans already use the earlier version, so this is saved as version {obj.version}.")
        obj.definition = {**definition, "version": obj.version}
        obj.title, obj.summary, obj.description = definition["title"], definition["summary"], definition["description"]
        obj.source = f"edited by {request.user}"
        super().save_model(request, obj, form, change)

    @admin.action(description="Make an editable copy for your organisation")
    def copy_for_my_organisation(self, request: SignedInRequest, queryset: QuerySet[PlanTemplate]) -> None:
        organisation_id = admin_organisation_id(request)
        if organisation_id is None:
            self.message_user(request, "You are not an administrator of an organisation.", messages.ERROR)
            return
        for template in queryset:
            with transaction.atomic():
                self._copy(request, template, organisation_id)
        self.message_user(request, "Copied. Your organisation's copies are offered in place of the shipped ones.")

    def _copy(self, request: HttpRequest, template: PlanTemplate, organisation_id: int) -> None:
        version = next_version(organisation_id, template.key)
        copy = PlanTemplate.objects.create(
            organisation_id=organisation_id,
            key=template.key,
            version=version,
            title=template.title,
            summary=template.summary,
            description=template.description,
            definition={**template.definition, "version": version},
            source=f"copied by {request.user} from {template.source}",
        )
        self._record(request, "create", copy)


@admin.register(CrisisLine)
class CrisisLineAdmin(AuditedAdmin):
    list_display = ["name", "phone", "how", "hours", "last_checked", "organisation"]
    list_filter = ["organisation"]
    ordering = ["organisation", "position", "name"]

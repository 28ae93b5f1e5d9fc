from django.contrib import admin
from django.http import HttpRequest

from safeplan.concerns.models import ComplaintsPolicy


@admin.register(ComplaintsPolicy)
class ComplaintsPolicyAdmin(admin.ModelAdmin):
    """A change of policy is a new row from a moment on; cases keep the dates of the policy they were received under,
    so a row is never edited or deleted."""

    list_display = ["organisation", "nation", "acknowledge_days", "respond_days", "effective_from"]
    list_filter = ["organisation", "nation"]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

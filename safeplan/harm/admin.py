"""The organisation's technique catalogue (what the service endorses) and information library. Check-ins and
recorded conversations are part of a person's record and are not in admin."""

from django.contrib import admin

from safeplan.harm.models import InformationItem, Technique
from safeplan.people.admin import AuditedAdmin


@admin.register(Technique)
class TechniqueAdmin(AuditedAdmin):
    list_display = ["name", "endorsed", "anatomy", "organisation"]
    list_editable = ["endorsed"]
    list_filter = ["organisation", "endorsed"]
    filter_horizontal = ["information"]
    ordering = ["organisation", "position"]


@admin.register(InformationItem)
class InformationItemAdmin(AuditedAdmin):
    list_display = ["title", "audience", "reviewed_by", "reviewed_on", "review_due", "organisation"]
    list_filter = ["organisation", "audience"]

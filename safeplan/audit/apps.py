from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "safeplan.audit"
    label = "audit"
    verbose_name = "Audit trail"

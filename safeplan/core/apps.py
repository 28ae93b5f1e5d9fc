from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "safeplan.core"
    label = "core"

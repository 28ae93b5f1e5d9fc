from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "safeplan.decisions"
    label = "decisions"
    verbose_name = "Shared decisions about positive risk taking"

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "safeplan.decisions"
    label = "decisions"
    verbose_name = "Shared decisions about positive risk taking"

    def ready(self) -> None:
        from safeplan.decisions.capability import DECISIONS
        from safeplan.people.capabilities import register

        register(DECISIONS)

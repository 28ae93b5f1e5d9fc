from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    """Concerns, complaints and compliments about a person's care, answered on time."""

    name = "safeplan.concerns"
    label = "concerns"
    verbose_name = "Concerns and compliments"

    def ready(self) -> None:
        from safeplan.concerns.capability import CONCERNS
        from safeplan.people.capabilities import register

        register(CONCERNS)

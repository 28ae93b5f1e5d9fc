from django.apps import AppConfig


class SummaryConfig(AppConfig):
    name = "safeplan.summary"
    label = "summary"
    verbose_name = "The safety summary, strengths first, and personal goals"

    def ready(self) -> None:
        from safeplan.people.capabilities import register
        from safeplan.summary.capability import SUMMARY

        register(SUMMARY)

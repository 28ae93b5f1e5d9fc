from django.apps import AppConfig


class FollowUpConfig(AppConfig):
    name = "safeplan.followup"
    label = "followup"
    verbose_name = "Crisis contacts, leaving hospital, and the follow-up within 72 hours"

    def ready(self) -> None:
        from safeplan.followup.capability import FOLLOW_UP
        from safeplan.people.capabilities import register

        register(FOLLOW_UP)

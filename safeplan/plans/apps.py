from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PlansConfig(AppConfig):
    name = "safeplan.plans"
    label = "plans"
    verbose_name = "Safety plans"

    def ready(self) -> None:
        from safeplan.people.capabilities import register
        from safeplan.plans.capability import PLANS

        register(PLANS)
        post_migrate.connect(_load_templates, sender=self)


def _load_templates(sender: object, using: str = "default", **kwargs: object) -> None:
    """Shipped template files are loaded after every migrate (and after a test flush): new versions appear."""
    from safeplan.plans.plan_templates import load_shipped_templates

    load_shipped_templates()

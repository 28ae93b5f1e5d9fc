from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PlansConfig(AppConfig):
    name = "safeplan.plans"
    label = "plans"
    verbose_name = "Safety plans"

    def ready(self) -> None:
        post_migrate.connect(_load_templates, sender=self)


def _load_templates(sender, using="default", **kwargs) -> None:
    """Shipped template files are loaded after every migrate (and after a test flush): new versions appear."""
    from safeplan.plans.plan_templates import load_shipped_templates

    load_shipped_templates()

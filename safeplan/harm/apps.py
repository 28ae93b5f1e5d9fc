from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.db.models.signals import post_save

if TYPE_CHECKING:
    from safeplan.people.access import RecordAccess
    from safeplan.people.models import Organisation
    from safeplan.plans.models import Plan


class HarmConfig(AppConfig):
    name = "safeplan.harm"
    label = "harm"
    verbose_name = "Harm minimisation"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext as _

        from safeplan.harm import kinds, prompts
        from safeplan.harm.capability import HARM
        from safeplan.people.capabilities import register
        from safeplan.people.models import Organisation
        from safeplan.plans import extensions

        kinds.register()
        folder = Path(__file__).resolve().parent / "template_files"
        if folder not in extensions.TEMPLATE_DIRS:
            extensions.TEMPLATE_DIRS.append(folder)

        def add_technique(plan: "Plan", access: "RecordAccess") -> str:
            return reverse("harm_add_technique", kwargs={"person_id": plan.person_id, "plan_id": plan.pk})

        def links(plan: "Plan", access: "RecordAccess") -> list[tuple[str, str]]:
            kwargs = {"person_id": plan.person_id, "plan_id": plan.pk}
            return [
                (_("Check-ins: what has helped"), reverse("harm_check_ins", kwargs=kwargs)),
                (_("Information from your service"), reverse("harm_information_for_plan", kwargs=kwargs)),
            ]

        extensions.TEMPLATES["harm-minimisation"] = extensions.TemplateExtension(
            notices=prompts.notices,
            agreement_problems=prompts.agreement_problems,
            add_urls={"technique": add_technique},
            links=links,
        )
        post_save.connect(_seed_catalogue, sender=Organisation, dispatch_uid="harm_seed_catalogue")
        register(HARM)


def _seed_catalogue(
    sender: type["Organisation"], instance: "Organisation", created: bool, raw: bool = False, **kwargs: Any
) -> None:
    """Every new organisation starts with the default technique catalogue, none endorsed."""
    if created and not raw:
        from safeplan.harm.catalogue import seed_catalogue

        seed_catalogue(instance)

"""Every decision row that records what someone said or did carries the same author fields (core.immutability's
Authored): who wrote it, their name and role then, and when. Rows written before this had no account or role on some
tables; both are filled from the audit row that recorded the row's creation, which names the actor and their role."""

from django.conf import settings
from django.db import migrations, models

from safeplan.core.immutability import allow_changes

HISTORY = {
    "decisions_option": "",
    "decisions_laterharm": "",
    "decisions_view": "",
    "decisions_capacityassessment": "",
    "decisions_legalcheck": "",
    "decisions_outcome": "",
}
AUDITED_AS = {
    "Option": "decision_option",
    "LaterHarm": "decision_later_harm",
    "View": "decision_view",
    "CapacityAssessment": "decision_capacity",
    "LegalCheck": "decision_legal_check",
    "Outcome": "decision_outcome",
}


def fill_from_audit(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    users = set(User.objects.values_list("pk", flat=True))  # an audited actor's account may have been deleted

    def creators(object_type):
        created = AuditEvent.objects.filter(object_type=object_type, action="create").order_by("seq")
        return {e.object_id: (e.actor_id, e.actor_role) for e in created}

    started = creators("decision")  # "carry on as now" is written with the decision, under its audit row
    for model_name, object_type in AUDITED_AS.items():
        model = apps.get_model("decisions", model_name)
        actors = creators(object_type)
        for row in model.objects.order_by("pk"):
            actor_id, role = actors.get(str(row.pk), (None, ""))
            if actor_id is None and model_name == "Option" and row.carry_on:
                actor_id, role = started.get(str(row.decision_id), (None, ""))
            written_by_id = row.written_by_id or (actor_id if actor_id in users else None)
            if written_by_id is None:
                decision = row.option.decision if model_name == "LaterHarm" else row.decision
                written_by_id = decision.created_by_id
            model.objects.filter(pk=row.pk).update(written_by_id=written_by_id, written_by_role=role or "not recorded")


def rename(model: str, old: str, new: str) -> migrations.RenameField:
    return migrations.RenameField(model_name=model, old_name=old, new_name=new)


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0002_immutable_history"),
        ("audit", "0003_alter_auditevent_action"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        allow_changes(HISTORY),
        rename("option", "added_by", "written_by"),
        rename("option", "added_by_name", "written_by_name"),
        rename("option", "added_at", "written_at"),
        rename("laterharm", "added_by_name", "written_by_name"),
        rename("laterharm", "added_at", "written_at"),
        rename("capacityassessment", "assessed_by", "written_by"),
        rename("capacityassessment", "assessed_by_name", "written_by_name"),
        rename("capacityassessment", "assessed_at", "written_at"),
        rename("legalcheck", "checked_by_name", "written_by_name"),
        rename("legalcheck", "checked_at", "written_at"),
        *[
            migrations.AddField(
                model_name=model,
                name="written_by_role",
                field=models.CharField(default="", max_length=40),
                preserve_default=False,
            )
            for model in ["option", "laterharm", "view", "capacityassessment", "legalcheck", "outcome"]
        ],
        *[
            migrations.AddField(
                model_name=model,
                name="written_by",
                field=models.ForeignKey(
                    null=True,
                    on_delete=models.deletion.PROTECT,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                ),
            )
            for model in ["laterharm", "legalcheck"]
        ],
        migrations.RunPython(fill_from_audit, migrations.RunPython.noop),
    ]

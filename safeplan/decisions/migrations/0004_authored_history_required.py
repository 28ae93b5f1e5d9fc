"""Second step of 0003 (its own transaction: PostgreSQL will not alter a table with row updates pending)."""

from django.conf import settings
from django.db import migrations, models

from safeplan.core.immutability import refuse_changes

HISTORY = {
    "decisions_option": "",
    "decisions_laterharm": "",
    "decisions_view": "",
    "decisions_capacityassessment": "",
    "decisions_legalcheck": "",
    "decisions_outcome": "",
}


class Migration(migrations.Migration):
    dependencies = [("decisions", "0003_authored_history")]

    operations = [
        *[
            migrations.AlterField(
                model_name=model,
                name="written_by",
                field=models.ForeignKey(
                    on_delete=models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                ),
            )
            for model in ["laterharm", "legalcheck"]
        ],
        migrations.AlterModelOptions(name="option", options={"ordering": ["written_at", "pk"]}),
        migrations.AlterModelOptions(name="laterharm", options={"ordering": ["written_at", "pk"]}),
        migrations.AlterModelOptions(name="capacityassessment", options={"ordering": ["written_at"]}),
        migrations.AlterModelOptions(name="legalcheck", options={"ordering": ["written_at", "pk"]}),
        refuse_changes(HISTORY),
    ]

from django.db import migrations

from safeplan.core.immutability import refuse_changes


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]
    operations = [
        refuse_changes(
            {
                "decisions_option": "",
                "decisions_laterharm": "",
                "decisions_view": "",
                "decisions_capacityassessment": "",
                "decisions_legalcheck": "",
                "decisions_outcome": "",
                "decisions_agreement": "OLD.final_at IS NOT NULL",
            }
        )
    ]

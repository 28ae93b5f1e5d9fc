"""The database itself refuses to change revisions, signatures and agreed versions (see core/immutability.py)."""

from django.db import migrations

from safeplan.core.immutability import refuse_changes


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [
        refuse_changes(
            {
                "plans_entryrevision": "",
                "plans_signature": "",
                "plans_planversion": "OLD.agreed_at IS NOT NULL",
            }
        )
    ]

from django.db import migrations

from safeplan.core.immutability import refuse_changes


class Migration(migrations.Migration):
    """A crisis contact, leaving hospital and each contact after are history: the database refuses changes to them."""

    dependencies = [("followup", "0001_crisis_events")]
    operations = [refuse_changes({"followup_crisisevent": "", "followup_followup": ""})]

from django.db import migrations

from safeplan.core.immutability import refuse_changes


class Migration(migrations.Migration):
    dependencies = [("harm", "0002_catalogue_for_existing_organisations")]
    operations = [refuse_changes({"harm_conversation": ""})]

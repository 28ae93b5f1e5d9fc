from django.db import migrations

from safeplan.core.immutability import allow_changes, refuse_changes

# 0003 added a column to steps, which SQLite does by rebuilding the table, and that dropped its trigger refusing
# changes. Drop it where it is still there (PostgreSQL) and create it again everywhere.
STEPS = {"concerns_step": ""}


class Migration(migrations.Migration):
    dependencies = [("concerns", "0005_what_was_raised_is_kept")]

    operations = [allow_changes(STEPS), refuse_changes(STEPS)]

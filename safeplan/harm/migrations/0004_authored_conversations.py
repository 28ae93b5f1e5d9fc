"""A recorded conversation carries the same author fields as every other history row (core.immutability's Authored)."""

from django.db import migrations

from safeplan.core.immutability import allow_changes, refuse_changes

HISTORY = {"harm_conversation": ""}


class Migration(migrations.Migration):
    dependencies = [("harm", "0003_immutable_conversations")]

    operations = [
        allow_changes(HISTORY),
        migrations.RenameField(model_name="conversation", old_name="recorded_by", new_name="written_by"),
        migrations.RenameField(model_name="conversation", old_name="recorded_by_name", new_name="written_by_name"),
        migrations.RenameField(model_name="conversation", old_name="recorded_by_role", new_name="written_by_role"),
        migrations.RenameField(model_name="conversation", old_name="recorded_at", new_name="written_at"),
        migrations.AlterModelOptions(name="conversation", options={"ordering": ["written_at"]}),
        refuse_changes(HISTORY),
    ]

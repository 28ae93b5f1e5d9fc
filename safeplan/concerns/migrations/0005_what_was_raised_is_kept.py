from django.db import migrations, models

from safeplan.core.immutability import refuse_column_changes

# What was raised, by whom, about what, and its dates from the policy at receipt: never changed once received. A case
# moves on only through its state, who handles it, an agreed response date and the reason a late one was accepted.
FIXED = [
    "id",
    "person_id",
    "kind",
    "about_type",
    "about_id",
    "about_part",
    "about_words",
    "what_happened",
    "would_like",
    "contact_ok",
    "contact_how",
    "raised_by_id",
    "raised_by_name",
    "raised_by_role",
    "on_behalf",
    "person_follows",
    "received_how",
    "received_on",
    "event_on",
    "past_time_limit",
    "nation",
    "acknowledge_by",
    "delay_letter_by",
    "created_at",
]


class Migration(migrations.Migration):
    dependencies = [("concerns", "0004_late_rule_and_reminders_per_recipient")]

    operations = [
        migrations.AlterField(
            model_name="concern",
            name="delay_letter_by",
            field=models.DateField(help_text="With no response by then, a letter explains why (from the policy)."),
        ),
        refuse_column_changes("concerns_concern", FIXED),
    ]

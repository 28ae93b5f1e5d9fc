from django.db import migrations

from safeplan.harm.catalogue import DEFAULT_TECHNIQUES


def seed(apps, schema_editor):
    Organisation = apps.get_model("people", "Organisation")
    Technique = apps.get_model("harm", "Technique")
    for organisation in Organisation.objects.all():
        for position, (key, name, description, needs, cautions, anatomy) in enumerate(DEFAULT_TECHNIQUES):
            Technique.objects.get_or_create(
                organisation=organisation,
                key=key,
                defaults={
                    "name": name,
                    "description": description,
                    "needs": needs,
                    "cautions": cautions,
                    "anatomy": anatomy,
                    "position": position,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("harm", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

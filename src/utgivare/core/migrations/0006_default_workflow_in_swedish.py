"""Wagtail's default moderation workflow and task get Swedish names (core.workflow_names)."""

from django.db import migrations

from utgivare.core.workflow_names import rename_default_workflow


def to_swedish(apps, schema_editor):
    rename_default_workflow(
        apps.get_model("wagtailcore", "Workflow"), apps.get_model("wagtailcore", "Task")
    )


def to_english(apps, schema_editor):
    rename_default_workflow(
        apps.get_model("wagtailcore", "Workflow"),
        apps.get_model("wagtailcore", "Task"),
        backwards=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_periodic_job_run"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_swedish, to_english)]

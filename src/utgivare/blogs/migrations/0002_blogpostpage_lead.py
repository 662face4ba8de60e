"""A blog post's lead is called `lead`, as on every other readable piece.

The column is renamed (no data moves), and so is the key in every stored
revision of a blog post: Wagtail restores, previews and compares revisions
by field name, so an old revision would otherwise come back without its lead.
"""

import wagtail.fields
from django.db import migrations


def rename_in_revisions(apps, old, new):
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="blogs", model="blogpostpage").first()
    if content_type is None:  # A fresh database: no blog post, no revision.
        return
    revisions = Revision.objects.filter(content_type=content_type).only("content")
    for revision in revisions.iterator(chunk_size=500):
        content = revision.content
        if isinstance(content, dict) and old in content:
            content[new] = content.pop(old)
            revision.save(update_fields=["content"])


def ingress_to_lead(apps, schema_editor):
    rename_in_revisions(apps, "ingress", "lead")


def lead_to_ingress(apps, schema_editor):
    rename_in_revisions(apps, "lead", "ingress")


class Migration(migrations.Migration):
    dependencies = [
        ("blogs", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RenameField(model_name="blogpostpage", old_name="ingress", new_name="lead"),
        migrations.RunPython(ingress_to_lead, lead_to_ingress),
        # The body's help text moved to the blog post's panel (the field is ReadablePiece's).
        migrations.AlterField(
            model_name="blogpostpage",
            name="body",
            field=wagtail.fields.StreamField([('heading', 0), ('paragraph', 1), ('quote', 4), ('list', 8), ('image', 13)], block_lookup={0: ('utgivare.publication.blocks.HeadingBlock', (), {}), 1: ('utgivare.publication.blocks.ParagraphBlock', (), {}), 2: ('wagtail.blocks.TextBlock', (), {'label': 'Citat'}), 3: ('wagtail.blocks.CharBlock', (), {'help_text': 'Vem som sade eller skrev det, eller dokumentet.', 'label': 'Källa', 'required': False}), 4: ('wagtail.blocks.StructBlock', [[('text', 2), ('attribution', 3)]], {}), 5: ('wagtail.blocks.BooleanBlock', (), {'label': 'Numrerad', 'required': False}), 6: ('wagtail.blocks.CharBlock', (), {'label': 'Punkt'}), 7: ('wagtail.blocks.ListBlock', (6,), {'label': 'Punkter'}), 8: ('wagtail.blocks.StructBlock', [[('ordered', 5), ('items', 7)]], {}), 9: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'Bild'}), 10: ('wagtail.blocks.CharBlock', (), {'label': 'Bildtext', 'required': False}), 11: ('wagtail.blocks.CharBlock', (), {'label': 'Fotograf', 'required': False}), 12: ('wagtail.blocks.CharBlock', (), {'help_text': 'Beskriv bilden för den som inte ser den.', 'label': 'Alternativtext', 'required': False}), 13: ('wagtail.blocks.StructBlock', [[('image', 9), ('caption', 10), ('photographer', 11), ('alt_text', 12)]], {})}, verbose_name='brödtext'),
        ),
    ]

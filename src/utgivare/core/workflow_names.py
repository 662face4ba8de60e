"""Swedish names for the moderation workflow that Wagtail's migrations create in English.

Wagtail's data migration (wagtailcore 0048) names the default workflow and its one task
after the group that may publish: "Moderators approval". Editors read these names daily
("Lämna in till …", "Avvaktar …"), and as data they are beyond any translation catalogue,
so our migration renames them; a name someone has already chosen is left alone.
"""

WAGTAIL_DEFAULT_NAME = "Moderators approval"
WORKFLOW_NAME = "Granskning"
TASK_NAME = "Redaktörens godkännande"


def rename_default_workflow(workflow_model, task_model, *, backwards=False) -> int:
    """Rename Wagtail's default workflow and task (to Swedish, or back); returns rows changed.

    Only rows that still carry the other language's default name change."""
    changed = 0
    for model, swedish in ((workflow_model, WORKFLOW_NAME), (task_model, TASK_NAME)):
        old, new = (swedish, WAGTAIL_DEFAULT_NAME) if backwards else (WAGTAIL_DEFAULT_NAME, swedish)
        changed += model.objects.filter(name=old).update(name=new)
    return changed

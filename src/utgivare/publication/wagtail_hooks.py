from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.models import Page, Revision

from utgivare.core.attention import ATTENTION_HOOK, AttentionLine

from . import issue_placing
from .forms import IssueChoiceField
from .models import ArticlePage, IssuePage, IssuePlacement


def apply_chosen_issue(request, page):
    """The issue chosen on the article's own form (publication.forms.ArticlePageForm),
    which has validated it before this runs."""
    if page.specific_class is not ArticlePage or "issue" not in request.POST:
        return
    chosen_id = request.POST["issue"]
    current_id = IssuePlacement.objects.filter(article=page).values_list("issue_id", flat=True)
    if [str(issue_id) for issue_id in current_id] == ([chosen_id] if chosen_id else []):
        return
    issue = IssuePage.objects.get(pk=chosen_id) if chosen_id else None
    issue_placing.place_in_issue([page], issue, user=request.user)


hooks.register("after_create_page", apply_chosen_issue)
hooks.register("after_edit_page", apply_chosen_issue)


class ChooseIssueForm(forms.Form):
    issue = IssueChoiceField(queryset=IssuePage.objects.order_by("-number"), label=_("Nummer"))


@hooks.register("register_bulk_action")
class AddToIssueBulkAction(PageBulkAction):
    display_name = _("Lägg i nummer")
    action_type = "add_to_issue"
    aria_label = _("Lägg de valda artiklarna i ett nummer")
    template_name = "publication/admin/confirm_add_to_issue.html"
    action_priority = 15
    form_class = ChooseIssueForm

    def check_perm(self, page):
        return (
            page.specific_class is ArticlePage
            and page.permissions_for_user(self.request.user).can_edit()
        )

    def get_execution_context(self):
        return {**super().get_execution_context(), "issue": self.cleaned_form.cleaned_data["issue"]}

    @classmethod
    def execute_action(cls, objects, issue=None, user=None, **kwargs):
        issue_placing.place_in_issue(objects, issue, user=user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        issue = self.cleaned_form.cleaned_data["issue"]
        return ngettext(
            "%(count)d artikel ligger nu i nummer %(number)d.",
            "%(count)d artiklar ligger nu i nummer %(number)d.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "number": issue.number}


@hooks.register(ATTENTION_HOOK)
def pages_in_the_works(request, now):
    """Drafts (never published, or with changes not yet published) and scheduled pages."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        return []
    counts = Page.objects.filter(depth__gt=1).aggregate(
        drafts=Count("pk", filter=Q(live=False, go_live_at__isnull=True)),
        unpublished=Count("pk", filter=Q(live=True, has_unpublished_changes=True)),
    )
    scheduled = Revision.page_revisions.filter(approved_go_live_at__isnull=False).count()
    group = _("Sidor")
    return [
        AttentionLine(group, _("Utkast som inte har publicerats"), counts["drafts"], order=20),
        AttentionLine(
            group,
            _("Publicerade sidor med ändringar som inte är publicerade"),
            counts["unpublished"],
            order=21,
        ),
        AttentionLine(group, _("Schemalagda för publicering"), scheduled, order=22),
    ]

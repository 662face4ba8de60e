"""Admin forms of the magazine's pages: what an editor sees when adding or editing them."""

from django import forms
from django.apps import apps
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from utgivare.paywall.levels import AccessLevel
from utgivare.paywall.models import PaywallSettings

from . import issues


class PieceForm(WagtailAdminPageForm):
    """A paywalled piece: the access choice says what "the site default" is right now."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("access_level")
        site = self._site()
        if field is None or site is None:
            return
        default = AccessLevel(
            PaywallSettings.for_site(site).default_level(self.instance.paywall_content_type)
        )
        field.choices = [
            (
                value,
                gettext("Webbplatsens standard (just nu: %(level)s)") % {"level": default.label}
                if value == AccessLevel.SITE_DEFAULT
                else label,
            )
            for value, label in field.choices
        ]
        field.help_text = gettext(
            "Vem som får läsa hela texten. Webbplatsens standard ändras under "
            "Inställningar → Betalvägg och gäller då alla sådana sidor som har den."
        )

    def _site(self):
        page = self.parent_page if self.instance.pk is None else self.instance
        return page.get_site() if page is not None else None


class IssueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, issue):
        return f"#{issue.number} – {issue.title}"


class ArticlePageForm(PieceForm):
    """An article chooses its issue here too; the issue's ordered list shows the same.

    Applied once the page is saved (publication.wagtail_hooks), when it has an id.
    """

    issue = IssueChoiceField(
        queryset=None,
        required=False,
        label=_("Nummer"),
        empty_label=_("Inget nummer"),
        help_text=_("Artikeln läggs sist i numrets innehåll; ordningen ändras i numret."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model by name: the models module imports this one.
        issue_model = apps.get_model("publication", "IssuePage")
        self.fields["issue"].queryset = issue_model.objects.order_by("-number")
        if self.instance.pk:
            self.fields["issue"].initial = self.instance.issue


class IssuePageForm(WagtailAdminPageForm):
    """A new issue starts with the next number, today's date and the address /nummer/N/."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound:
            defaults = issues.next_issue_defaults(
                self._meta.model.objects.aggregate(highest=Max("number"))["highest"],
                timezone.localdate(),
                gettext("Nummer %(number)d"),
            )
            self.initial.update(
                number=defaults.number,
                title=defaults.title,
                slug=defaults.slug,
                publication_date=defaults.publication_date,
            )

    def clean(self):
        cleaned_data = super().clean()
        number = cleaned_data.get("number")
        slug = cleaned_data.get("slug")
        # The address follows the number unless the editor wrote one of their own
        # (the admin fills the slug from the title as it is typed).
        if number and (not slug or slug == slugify(cleaned_data.get("title", ""))):
            cleaned_data["slug"] = str(number)
        return cleaned_data

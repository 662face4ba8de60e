"""/rattelser/ and /rattelser/flode/: every correction of a public piece, newest first."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import formats
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from utgivare.core.models import ImprintSettings

from .published import public_corrections, with_pieces

PER_PAGE = 50
FEED_ITEMS = 50
# The same for every reader: shared caches may keep it a few minutes.
MAX_AGE = 300


def _for_site(request):
    site = Site.find_for_request(request)
    return public_corrections(site.root_page.path if site is not None else None)


def index(request):
    page = Paginator(_for_site(request), PER_PAGE).get_page(request.GET.get("sida"))
    page.object_list = with_pieces(page.object_list)
    response = TemplateResponse(request, "corrections/index.html", {"corrections": page})
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def feed(request):
    imprint = ImprintSettings.for_request(request)
    rss = Rss201rev2Feed(
        title=_("Rättelser – %(name)s") % {"name": imprint.publication_name},
        link=request.build_absolute_uri("/rattelser/"),
        description=_("Rättelser av våra texter, de senaste först."),
        language="sv",
        feed_url=request.build_absolute_uri(),
    )
    gone = _("en text som inte längre är publicerad")
    for correction in with_pieces(_for_site(request)[:FEED_ITEMS]):
        published = correction.published
        piece = correction.piece
        url = (
            piece.get_full_url(request) + "#rattelser"
            if piece
            else request.build_absolute_uri("/rattelser/")
        )
        day = formats.date_format(correction.corrected_on, "j F Y")
        lines = [_("Fel: %(wrong)s") % {"wrong": published.wrong}]
        lines.append(_("Rätt: %(right)s") % {"right": published.right})
        if published.note:
            lines.append(published.note)
        for change in published.changes:
            lines.append(
                _("Ändrad %(day)s. Tidigare lydelse: Fel: %(wrong)s Rätt: %(right)s")
                % {
                    "day": formats.date_format(change.changed_on, "j F Y"),
                    "wrong": change.earlier_wrong,
                    "right": change.earlier_right,
                }
            )
        rss.add_item(
            title=_("Rättelse %(day)s: %(title)s")
            % {"day": day, "title": piece.title if piece else gone},
            link=url,
            # Plain text: the feed generator escapes it, so nothing typed can become markup.
            description="\n".join(lines),
            unique_id=request.build_absolute_uri(f"/rattelser/#rattelse-{correction.pk}"),
            pubdate=correction.created_at,
            updateddate=max(
                [correction.created_at] + [c.changed_at for c in correction.changes.all()]
            ),
        )
    response = HttpResponse(content_type=rss.content_type)
    rss.write(response, "utf-8")
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def genmale(request, page_id):
    """The "Begär genmäle" form of one live piece; no account needed."""
    from django.http import Http404
    from django.utils import timezone
    from wagtail.models import Page

    from . import replies
    from .models import ReplySettings
    from .public_forms import ReplyRequestForm

    piece = Page.objects.live().public().filter(pk=page_id).first()
    if piece is None:
        raise Http404
    max_length = ReplySettings.for_request(request).max_length
    form = ReplyRequestForm(request.POST or None, max_length=max_length)
    sent = False
    if request.method == "POST" and form.is_valid():
        replies.receive(piece, now=timezone.now(), **form.cleaned_data)
        sent = True
    return TemplateResponse(
        request,
        "corrections/genmale_form.html",
        {"form": form, "piece": piece, "sent": sent},
        status=400 if form.errors else 200,
    )

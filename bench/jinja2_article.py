"""Would another template engine make the cold render fast? Jinja2 against Django's.

#11 asks for a cold render 3.7x cheaper than ba4896f's; after the tuning in
docs/ARCHITECTURE.md it is about 2.7x, and "another template engine for public
pages" was named as one of two changes left. This measures that one before anyone
makes it: the reference article of bench/cold_render.py drawn cold (every app cache
emptied before each GET) by its Django templates, and by the same templates written
for Jinja2 (bench/jinja2_templates/: the article page, the base page and every
template they include, with the same tags' Python behind them), GET by GET in turn
in one process. What the article's tags draw from Python (the comment section and
form, the account links, the StreamField's heading block) stays in Django's
templates in both, so a whole move would save somewhat more.

The two pages must be the same page: the bench refuses to give a figure when they
differ other than in whitespace (when the Django templates have changed since, bring
bench/jinja2_templates/ along or delete this bench; its figure is kept in
docs/ARCHITECTURE.md, "Where the floor is").

    make bench BENCH=jinja2_article     (BENCH_REPEAT=300 GETs each)

Not product code: Jinja2 is a development dependency for this bench only.
"""

import contextlib
import functools
import os
import re
from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent / "jinja2_templates"
REPEAT = int(os.environ.get("BENCH_REPEAT", "300"))


def environment(**options):
    """The Jinja2 environment of bench/jinja2_templates/: Django's translations, Wagtail's
    page tags and userbar, and each Django tag of those templates as a function calling
    the same Python as the tag."""
    from urllib.parse import quote

    import jinja2
    from django.conf import settings
    from django.core.cache import cache
    from django.core.cache.utils import make_template_fragment_key
    from django.template.defaultfilters import linebreaksbr
    from django.templatetags.static import static
    from django.utils import timezone, translation
    from django.utils.formats import date_format
    from django.utils.text import Truncator
    from markupsafe import Markup

    from utgivare.comments.templatetags import comments_tags
    from utgivare.core.kept_url import kept_reverse
    from utgivare.core.templatetags import core_tags
    from utgivare.corrections.templatetags import corrections_tags
    from utgivare.feeds.templatetags import feed_tags
    from utgivare.paywall.templatetags import paywall_tags
    from utgivare.publication.templatetags import publication_tags

    options["extensions"] = [
        *options.get("extensions", ()),
        "jinja2.ext.i18n",
        "wagtail.jinja2tags.core",
        "wagtail.admin.jinja2tags.userbar",
    ]
    env = jinja2.Environment(**options)
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)

    def request_only(context):
        # The Django tags read only the request from their context.
        return {"request": context.get("request")}

    def inclusion(template_name, data):
        return Markup(env.get_template(template_name).render(data))

    def with_request(tag, *, html=True):
        @jinja2.pass_context
        def call(context, *args, **kwargs):
            value = tag(request_only(context), *args, **kwargs)
            return Markup(value) if html else value

        return call

    def fragment(name, *vary, caller):
        """`{% cache 3600 name vary… %}`: the same key as Django's tag."""
        key = make_template_fragment_key(name, vary)
        html = cache.get(key)
        if html is None:
            html = caller()
            cache.set(key, html, 3600)
        return Markup(html)

    def date(value, fmt):
        """Django's `date` filter: the value in local time, then the format."""
        return date_format(timezone.localtime(value), fmt) if value else ""

    env.globals.update(
        url=lambda name, *args: kept_reverse(name, args),
        static=static,
        get_current_language=translation.get_language,
        language_infos=lambda: [
            translation.get_language_info(code) for code, _name in settings.LANGUAGES
        ],
        fragment=fragment,
        main_navigation=jinja2.pass_context(
            lambda context: inclusion(
                "core/includes/main_navigation.html",
                core_tags.main_navigation(request_only(context)),
            )
        ),
        account_nav=with_request(core_tags.account_nav),
        absolute_url=with_request(core_tags.absolute_url, html=False),
        feed_links=lambda page, name: inclusion(
            "feeds/feed_links.html", feed_tags.feed_links(page, name)
        ),
        correction_notice=lambda page: inclusion(
            "corrections/notice.html", corrections_tags.correction_notice(page)
        ),
        corrections_section=lambda page: inclusion(
            "corrections/section.html", corrections_tags.corrections_section(page)
        ),
        genmale_links=jinja2.pass_context(
            lambda context, page: inclusion(
                "corrections/replies.html",
                corrections_tags.genmale_links(request_only(context), page),
            )
        ),
        comments_for=with_request(comments_tags.comments_for),
        article_structured_data=with_request(publication_tags.article_structured_data),
        paywall_banner_text=with_request(paywall_tags.paywall_banner_text, html=False),
        paywall_box=with_request(paywall_tags.paywall_box, html=False),
        free_reads_return=paywall_tags.free_reads_return,
        fetch_renditions=core_tags.fetch_renditions,
        rendition=core_tags.rendition,
        picture_of=lambda image, spec, **attrs: Markup(core_tags.picture_of(image, spec, **attrs)),
    )
    env.filters.update(
        date=date,
        truncatewords=lambda value, count: Truncator(value).words(int(count), truncate=" …"),
        urlencode=lambda value: quote(str(value), safe="/"),
        capfirst=lambda value: value and f"{str(value)[0].upper()}{str(value)[1:]}",
        linebreaksbr=lambda value: Markup(linebreaksbr(value, autoescape=True)),
        is_responsible_publisher=publication_tags.is_responsible_publisher,
    )
    return env


def same_page(first: str, second: str) -> bool:
    """Equal once runs of whitespace are one space and none is left between tags."""

    def squeezed(html):
        return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()

    return squeezed(first) == squeezed(second)


def run():
    from django.conf import settings
    from django.template import engines
    from django.test import Client
    from django.test.utils import override_settings

    from bench.cold_render import build_site, cold_cpu_seconds_in_turn, forget_everything
    from utgivare.publication.models import ArticlePage

    jinja2_backend = {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [str(TEMPLATES_DIR)],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "bench.jinja2_article.environment",
            "autoescape": True,
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    }
    templates = [*settings.TEMPLATES, jinja2_backend]
    with override_settings(TEMPLATES=templates, PAGE_CACHE_SECONDS=3600):
        article = build_site()
        url = article.url
        engine = {"name": "django"}
        wagtails_choice = ArticlePage.get_template

        def get_template(page, request, *args, **kwargs):
            # The article page's template from the engine of this GET (a template object:
            # Wagtail's TemplateResponse takes it as it is).
            name = wagtails_choice(page, request, *args, **kwargs)
            return engines[engine["name"]].get_template(name)

        ArticlePage.get_template = get_template
        try:
            client = Client()
            pages = {}
            for name in ("django", "jinja2"):
                engine["name"] = name
                forget_everything()
                assert client.get(url).status_code == 200
                forget_everything()
                client.cookies.clear()
                pages[name] = client.get(url).content.decode()
            if not same_page(pages["django"], pages["jinja2"]):
                raise SystemExit(
                    "bench/jinja2_templates/ no longer draws the page the Django templates draw:"
                    " bring them along, or delete this bench (see its docstring)."
                )

            @contextlib.contextmanager
            def drawn_by(name):
                engine["name"] = name
                yield

            medians = cold_cpu_seconds_in_turn(
                url,
                {name: functools.partial(drawn_by, name) for name in ("django", "jinja2")},
                repeat=REPEAT,
                warmup=10,
            )
        finally:
            ArticlePage.get_template = wagtails_choice
    return {
        "name": (
            "Cold render by template engine: the reference article drawn cold by Django's"
            f" templates and by the same in Jinja2 (SQLite, CPU time, median of {REPEAT},"
            " GET by GET in turn; the same page, whitespace aside)"
        ),
        "baseline": ("Django templates (as served)", medians["django"]),
        "measurements": [("Jinja2 templates", medians["jinja2"])],
    }

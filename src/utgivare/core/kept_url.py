"""`{% url … %}` with its addresses kept once worked out.

Drawn cold, an article page spent about a thirtieth of its CPU time in `{% url %}`
(about ten of them on every page: the search form, the footer's links, the account
links, the comment form): Django's node asks `reverse` anew on every drawing. Yet an
address depends only on the view, its arguments, the URLconf, the script prefix, the
language and the current namespace. So each answer is kept per process for exactly
those, and all are forgotten when a setting changes (`override_settings` in tests).
An argument that is not a plain `str` or `int` goes to Django's own node, as before.

It stands in for Django's `url` as a builtin library of the template engine
(settings.TEMPLATES), which comes after Django's own builtins.
`tests/core/test_kept_url.py` checks its output is Django's.
"""

import functools

from django import template
from django.core.signals import setting_changed
from django.template import defaulttags
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

# Values an address may be kept for: equal ones are spelled alike by `reverse`.
_PLAIN = frozenset({str, SafeString, int, type(None)})


@functools.lru_cache(maxsize=4096)
def _reverse(view_name, args, kwargs, current_app, urlconf, script_prefix, language):
    # urlconf, script_prefix and language are read by `reverse` itself: they are here
    # only to tell one answer from another.
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def kept_reverse(view_name, args=()):
    """`reverse(view_name, args=args)`, kept as `{% url %}` keeps it: for plain `str`
    and `int` arguments (core.page_urls: a page's address)."""
    return _reverse(
        view_name, tuple(args), (), None, get_urlconf(), get_script_prefix(), get_language()
    )


def _forget(**kwargs):
    _reverse.cache_clear()


setting_changed.connect(_forget, dispatch_uid="utgivare.core.kept_url")


class KeptURLNode(defaulttags.URLNode):
    """Django's `URLNode`, its addresses kept for what they depend on. The arguments
    are resolved and the current namespace found as Django's node does."""

    def render(self, context):
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple((key, value.resolve(context)) for key, value in self.kwargs.items())
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        values = (view_name, current_app, *args, *(value for _, value in kwargs))
        if not all(type(value) in _PLAIN for value in values):
            # An object (a page, a lazy text) may be equal to another that `reverse`
            # would spell differently: Django's node.
            return super().render(context)
        try:
            url = _reverse(
                view_name,
                args,
                kwargs,
                current_app,
                get_urlconf(),
                get_script_prefix(),
                get_language(),
            )
        except NoReverseMatch:
            if self.asvar is None:
                raise
            url = ""
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


def url(parser, token):
    node = defaulttags.url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)


# A builtin library (settings.TEMPLATES): it comes after Django's, so its `url` is used.
register = template.Library()
register.tag("url", url)

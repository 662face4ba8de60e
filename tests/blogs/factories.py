"""Blogs for tests: pass parent=<page> as with the publication's factories."""

import datetime as dt
import json

import factory
from django.utils import timezone

from tests.factories import PageFactory, paragraph
from utgivare.blogs.models import BlogIndexPage, BlogPage, BlogPostPage


class BlogIndexPageFactory(PageFactory):
    class Meta:
        model = BlogIndexPage

    title = "Bloggar"
    slug = "bloggar"
    show_in_menus = True


class BlogPageFactory(PageFactory):
    class Meta:
        model = BlogPage

    title = factory.Sequence(lambda n: f"Blogg {n}")
    tagline = "Försvara yttrande- och tryckfriheten"
    introduction = "<p>Jag bloggar om hur makten i Norrvik används, och missbrukas.</p>"


def post_body(*parts):
    """A post in parts: each part is (heading, paragraph text)."""
    parts = parts or (
        ("Del ett", "Första delen handlar om vad kommunstyrelsen beslutade."),
        ("Del två", "Andra delen läser protokollen noggrant."),
    )
    blocks = []
    for heading, text in parts:
        blocks.append({"type": "heading", "value": heading})
        blocks.append(paragraph(text))
    blocks.append(
        {"type": "quote", "value": {"text": "Ärendet är brådskande.", "attribution": "Protokoll"}}
    )
    return json.dumps(blocks)


class BlogPostPageFactory(PageFactory):
    class Meta:
        model = BlogPostPage

    title = factory.Sequence(lambda n: f"Inlägg {n} om hamnaffären")
    lead = "Vad visste kommunstyrelsens ordförande om avtalet?"
    body = factory.LazyFunction(post_body)
    date = factory.LazyFunction(timezone.now)


def dated(day: dt.date, hour=9):
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)

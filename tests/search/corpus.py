"""A small Swedish corpus for search, written for these tests, and the queries it must answer.

Each piece has a key; QUERIES says, for a query and a reader, which keys must be
listed and which must not. The same table runs on SQLite (FTS5 + Snowball stems)
and PostgreSQL (`swedish` configuration): tests/search/test_corpus.py.

Texts: `lead` is public; the body's first paragraph is the teaser everyone sees;
later paragraphs are paywalled unless the piece is free.
"""

import datetime as dt

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    IssuePageFactory,
    SectionPageFactory,
    article_body,
)
from utgivare.search import indexing


def when(year, month=6, day=1):
    return dt.datetime(year, month, day, 9, tzinfo=dt.UTC)


# key: (where, title, lead, paragraphs, level, author, year, issue)
ARTICLES = {
    "socialtjanst": (
        "politik",
        "Socialtjänsten i Norrvik får ny chef",
        "Kommunen rekryterar efter en lång tid av vakanser.",
        ["Den nya chefen börjar i januari.", "Facket välkomnar beskedet."],
        "free",
        "karin",
        2025,
        179,
    ),
    "namnd": (
        "politik",
        "Kritik mot beslutet om skolskjutsen",
        "Föräldrar överklagar till förvaltningsrätten.",
        [
            "Nämnd efter nämnd har skjutit frågan framför sig.",
            "Revisionsrapporten pekar ut ordföranden Ståhl.",
        ],
        "metered",
        "karin",
        2026,
        180,
    ),
    "hyresgaster": (
        "ekonomi",
        "Hyresgästerna i Kvarnbacken samlas",
        "Bostadsbolaget vill renovera och höja.",
        [
            "Mötet hölls i föreningslokalen på tisdagen.",
            "Ett internt mejl visar att bolaget planerar vräkningar.",
        ],
        "subscribers",
        "per",
        2026,
        180,
    ),
    # Two metered pieces with the same public text; only A's paid body holds "hamn"
    # and "kassaskåp". A reader without access must be told the same about both.
    "hamn_a": (
        "ekonomi",
        "Affären som delade fullmäktige",
        "Ett beslut fattat bakom stängda dörrar.",
        ["Hamnaffären avgjordes på ett extra möte.", "Pengarna låg i ett kassaskåp i hamn."],
        "metered",
        "per",
        2024,
        None,
    ),
    "hamn_b": (
        "ekonomi",
        "Affären som delade fullmäktige igen",
        "Ett beslut fattat bakom stängda dörrar.",
        ["Hamnaffären avgjordes på ett extra möte.", "Protokollet saknar underskrifter."],
        "metered",
        "per",
        2024,
        None,
    ),
    "budget_rubrik": (
        "ekonomi",
        "Budgeten spricker",
        "Underskottet blir större än väntat.",
        ["Ekonomidirektören lämnar besked i dag."],
        "free",
        "per",
        2025,
        None,
    ),
    "nämnden_sammansatt": (
        "politik",
        "Socialtjänstnämnden byter ordförande",
        "Efter valet tar oppositionen över.",
        ["Det blev klart efter en sluten omröstning."],
        "free",
        None,
        2023,
        None,
    ),
    # Same text, two years apart: the newer one is listed first.
    "trafik_gammal": (
        "politik",
        "Trafikplanen för centrum",
        "Cykelbanor och färre parkeringar.",
        ["Planen går ut på remiss."],
        "free",
        None,
        2023,
        None,
    ),
    "trafik_ny": (
        "politik",
        "Trafikplanen för centrum",
        "Cykelbanor och färre parkeringar.",
        ["Planen går ut på remiss."],
        "free",
        None,
        2026,
        None,
    ),
}

# key: (title, lead, paragraphs, level, year)  (all in Karin Lund's blog)
BLOG_POSTS = {
    "hyran": (
        "Hyran höjs igen",
        "Tredje gången på två år.",
        ["Jag har räknat på vad hyra och el kostar en pensionär."],
        "free",
        2026,
    ),
    "budget_omnamnd": (
        "Veckans anteckningar",
        "Om möten, protokoll och kaffe.",
        [
            "Budget, budget, budget: det var allt som diskuterades.",
            "Budget igen på torsdagen, och budget på fredagen.",
        ],
        "free",
        2026,
    ),
    "blogg_betald": (
        "Det jag inte fick skriva",
        "Om pressfrihet i en liten kommun.",
        ["En tjänsteman ringde mig en sen kväll.", "Han berättade om mutorna i upphandlingen."],
        "subscribers",
        2025,
    ),
}

ANONYMOUS, SUBSCRIBER = "anonymous", "subscriber"

# (query, reader, must list, must not list)
QUERIES = [
    # Swedish word forms: stems on both databases.
    ("socialtjänst", ANONYMOUS, {"socialtjanst"}, {"hyran"}),
    ("socialtjänsten", ANONYMOUS, {"socialtjanst"}, set()),
    ("nämndens", ANONYMOUS, {"namnd"}, set()),
    ("hyrorna", ANONYMOUS, {"hyran"}, {"budget_rubrik"}),
    ("hyra", ANONYMOUS, {"hyran"}, set()),
    # Compound fallback: a word that begins a longer word.
    ("socialtjänst", ANONYMOUS, {"nämnden_sammansatt"}, set()),
    # Stop words alone find nothing; beside a real word they are ignored.
    ("och det", ANONYMOUS, set(), {"socialtjanst", "hyran", "namnd"}),
    ("hyran och", ANONYMOUS, {"hyran"}, set()),
    # Bylines and sections are searchable.
    ("karin lund", ANONYMOUS, {"socialtjanst", "namnd", "hyran", "budget_omnamnd"}, {"hamn_a"}),
    ("per holm budgeten", ANONYMOUS, {"budget_rubrik"}, {"budget_omnamnd"}),
    ("ekonomi hyresgästerna", ANONYMOUS, {"hyresgaster"}, {"hyran"}),
    # A word in a paywalled body lists nothing for a reader without access …
    ("revisionsrapporten", ANONYMOUS, set(), {"namnd"}),
    ("vräkningar", ANONYMOUS, set(), {"hyresgaster"}),
    ("mutorna", ANONYMOUS, set(), {"blogg_betald"}),
    ("kassaskåp", ANONYMOUS, set(), {"hamn_a", "hamn_b"}),
    # … nor does a hidden word next to a visible one.
    ("skolskjutsen ståhl", ANONYMOUS, set(), {"namnd"}),
    # The prefix side channel: "hamn" (hidden in A's body) begins the teaser's
    # "hamnaffären". The listing follows the public text only: A and B, which differ
    # only in their hidden bodies, are listed alike.
    ("hamn", ANONYMOUS, {"hamn_a", "hamn_b"}, set()),
    # Free pieces are found by any word of the body.
    ("ekonomidirektören", ANONYMOUS, {"budget_rubrik"}, set()),
    ("facket", ANONYMOUS, {"socialtjanst"}, set()),
    # A subscriber finds paid pieces by words deep in the body.
    ("revisionsrapporten", SUBSCRIBER, {"namnd"}, set()),
    ("vräkningar", SUBSCRIBER, {"hyresgaster"}, set()),
    ("mutorna", SUBSCRIBER, {"blogg_betald"}, set()),
    ("kassaskåp", SUBSCRIBER, {"hamn_a"}, {"hamn_b"}),
    # Nothing that is not there.
    ("xyzzyplugh", SUBSCRIBER, set(), {"socialtjanst"}),
]


def build(tree):
    """Create the corpus under `tree` (tests.factories.site_tree); {key: page} and the
    pages the filters point at."""
    home = tree["home"]
    sections = {
        "politik": SectionPageFactory(parent=home, title="Politiska rapporter", slug="politik"),
        "ekonomi": SectionPageFactory(parent=home, title="Ekonomi", slug="ekonomi"),
    }
    authors = {
        "karin": AuthorPageFactory(parent=tree["authors"], title="Karin Lund"),
        "per": AuthorPageFactory(parent=tree["authors"], title="Per Holm"),
    }
    issues = {
        number: IssuePageFactory(parent=tree["issues"], number=number) for number in (179, 180)
    }
    pieces = {}
    for key, (where, title, lead, paragraphs, level, author, year, issue) in ARTICLES.items():
        pieces[key] = ArticlePageFactory(
            parent=sections[where],
            title=title,
            lead=lead,
            body=article_body(*paragraphs),
            access_level=level,
            author=authors.get(author),
            issue=issues.get(issue),
            first_published_at=when(year),
        )
    blog = BlogPageFactory(
        parent=BlogIndexPageFactory(parent=home), title="Karins blogg", writer=authors["karin"]
    )
    for key, (title, lead, paragraphs, level, year) in BLOG_POSTS.items():
        pieces[key] = BlogPostPageFactory(
            parent=blog,
            title=title,
            lead=lead,
            body=article_body(*paragraphs),
            access_level=level,
            date=when(year),
        )
    # The article factory back-dates first_published_at after publishing (no editor
    # can), so the index is read again once, as `rebuild_search_index` would.
    indexing.rebuild()
    return {
        "pieces": pieces,
        "sections": sections,
        "authors": authors,
        "issues": issues,
        "blog": blog,
    }

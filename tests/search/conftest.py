import pytest

from tests.factories import ArticlePageFactory, article_body


@pytest.fixture
def section(tree):
    return tree["sections"][0]


@pytest.fixture
def metered_article(section):
    return ArticlePageFactory(
        parent=section,
        title="Hamnaffären granskas",
        lead="Kommunen sålde hamnen under marknadsvärdet.",
        body=article_body(
            "Första stycket om hamnen och köpeavtalet.",
            "Andra stycket nämner revisionsrapporten om hamnaffären.",
            "Tredje stycket avslöjar vem som skrev under avtalet.",
        ),
    )


@pytest.fixture
def free_article(section):
    return ArticlePageFactory(
        parent=section,
        title="Skolskjutsen i Norrvik",
        lead="Föräldrar protesterar mot nya turlistor.",
        access_level="free",
        body=article_body(
            "Första stycket om bussarna.",
            "Andra stycket om vad turlistorna betyder för (barnen) i Kvarnbacken.",
        ),
    )

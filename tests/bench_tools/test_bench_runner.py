"""`make bench` finds its scenarios without importing them, and the Jinja2 bench gives a
figure only for the same page."""

from bench.__main__ import scenario_names
from bench.jinja2_article import same_page


def test_the_scenarios_are_the_modules_that_define_run():
    names = scenario_names()
    assert {"cold_render", "cold_parts", "jinja2_article", "search_index"} <= set(names)
    # Helpers and workers define no run(): not scenarios, never started on their own.
    assert not {"environment", "search_corpus", "serving", "__main__"} & set(names)
    assert names == sorted(names)


def test_a_selection_keeps_only_the_named_scenarios():
    assert scenario_names({"cold_parts", "cold_render", "no_such_bench"}) == [
        "cold_parts",
        "cold_render",
    ]


def test_pages_equal_but_for_whitespace_are_the_same_page():
    assert same_page("<p>Hej  och\n  hå</p>\n\n<p>x</p>", "<p>Hej och hå</p><p>x</p>")
    assert not same_page("<p>Hej</p>", "<p>Hej då</p>")
    # Whitespace inside a text is kept as one space, never dropped.
    assert not same_page("<p>Hej och</p>", "<p>Hejoch</p>")

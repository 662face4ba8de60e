"""The pages of a long thread, as the database cuts them, over many shapes of thread.

Only the asked-for page is read (thread_html.load_page), so the database decides
which page each conversation is on. Whatever the thread (replies, comments not
shown, ancestors not shown, any page size), the pages together must be the whole
thread in reading order, each conversation on one page, each page about the page
size, and the cut must be the rule `pages_of` states.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from utgivare.comments import thread_html, threads
from utgivare.comments.models import Comment
from utgivare.comments.moderation import Status
from utgivare.comments.threading import SEGMENT_WIDTH, path_ids

# A comment: whom it answers (an index among the earlier ones, or None for a new
# conversation), whether readers see it, and if not, why.
comment_specs = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(min_value=0)),
        st.sampled_from(["shown", "shown", "shown", "pending", "rejected", "hidden"]),
    ),
    max_size=40,
)


def build(page, specs):
    Comment.objects.filter(page_id=page.pk).delete()
    made = []
    for answers, shown in specs:
        answered = made[answers % len(made)] if answers is not None and made else None
        made.append(
            threads.add_comment(
                page.pk,
                answered,
                max_depth=3,
                author_name="Läsare",
                text="En kommentar.",
                status=Status.APPROVED if shown in ("shown", "hidden") else shown,
                hidden_for_review=shown == "hidden",
            )
        )
    threads.recount(page.pk)


def conversations_of(entries) -> list[str]:
    found = []
    for entry in entries:
        if entry.depth == 1:
            found.append(f"{entry.id:0{SEGMENT_WIDTH}d}")
    return found


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=comment_specs, per_page=st.integers(min_value=1, max_value=6))
def test_the_pages_are_the_whole_thread_cut_between_conversations_by_the_rule(
    monkeypatch, article, specs, per_page
):
    monkeypatch.setattr(thread_html, "PAGE_COMMENTS", per_page)
    build(article, specs)
    shown = list(
        Comment.objects.public()
        .filter(page=article)
        .order_by("thread_path")
        .values_list("pk", "thread_path")
    )

    first_number, count, first_entries = thread_html.load_page(article.pk, 1)
    assert first_number == 1
    pages = [first_entries]
    for number in range(2, count + 1):
        got_number, got_count, entries = thread_html.load_page(article.pk, number)
        assert (got_number, got_count) == (number, count)
        pages.append(entries)
    drawn = [entry for page in pages for entry in page]

    # Every comment readers see, once, in reading order; a stand-in for each ancestor
    # they do not see, once, before its first shown reply.
    assert [entry.id for entry in drawn if not entry.removed] == [pk for pk, _ in shown]
    shown_ids = {pk for pk, _ in shown}
    hidden_ancestors = {
        ancestor
        for _, path in shown
        for ancestor in path_ids(path)[:-1]
        if ancestor not in shown_ids
    }
    stand_ins = [entry.id for entry in drawn if entry.removed]
    assert sorted(stand_ins) == sorted(hidden_ancestors)
    position = {entry.id: n for n, entry in enumerate(drawn)}
    for pk, path in shown:
        for ancestor in path_ids(path)[:-1]:
            assert position[ancestor] < position[pk]
    # A conversation never spans two pages, and no page is empty unless the thread is.
    on_pages = [conversations_of(page) for page in pages]
    assert len({c for page in on_pages for c in page}) == sum(len(page) for page in on_pages)
    assert all(pages) or shown == []

    # The cut is `pages_of` applied to the conversations' sizes (comments readers see).
    sizes = {}
    for _, path in shown:
        sizes[path[:SEGMENT_WIDTH]] = sizes.get(path[:SEGMENT_WIDTH], 0) + 1
    ordered = [c for page in on_pages for c in page]
    expected = thread_html.pages_of([sizes[c] for c in ordered], per_page)
    actual = [number for number, page in enumerate(on_pages, start=1) for _ in page]
    assert actual == expected

    # About the page size: what comes before a page's last conversation is less than it.
    for page in pages:
        last_start = max((i for i, entry in enumerate(page) if entry.depth == 1), default=0)
        assert sum(1 for entry in page[:last_start] if not entry.removed) < per_page

    # A thread known to fit on one page is read whole, without numbering: the same page.
    if len(shown) <= per_page:
        assert thread_html.load_page(article.pk, 2, shown=len(shown)) == (1, 1, first_entries)
    else:
        assert thread_html.load_page(article.pk, 2, shown=len(shown))[:2] == (min(2, count), count)

    # Beyond the end: the last page. A comment's page is the one that shows it.
    assert thread_html.load_page(article.pk, count + 3)[:2] == (count, count)
    paths = dict(shown)
    for number, page in enumerate(pages, start=1):
        for entry in page:
            if not entry.removed:
                assert thread_html.conversation_page(article.pk, paths[entry.id]) == number


def test_an_empty_thread_is_one_empty_page(article):
    Comment.objects.create(
        page=article, thread_path="0000000001", author_name="x", text="x", status=Status.PENDING
    )
    assert thread_html.load_page(article.pk, 1) == (1, 1, [])
    assert thread_html.load_page(article.pk, 7) == (1, 1, [])


@given(
    sizes=st.lists(st.integers(min_value=1, max_value=30), max_size=60),
    per_page=st.integers(min_value=1, max_value=25),
)
def test_pages_of_numbers_pages_without_gaps_and_starts_one_where_a_page_s_worth_has_passed(
    sizes, per_page
):
    numbers = thread_html.pages_of(sizes, per_page)
    assert len(numbers) == len(sizes)
    assert numbers[:1] in ([], [1])
    assert all(b - a in (0, 1) for a, b in zip(numbers, numbers[1:], strict=False))
    start = 0
    for i, size in enumerate(sizes):
        if i:
            previous_start = start - sizes[i - 1]
            # A new page exactly when this conversation starts past another multiple
            # of the page size than the one before it.
            crossed = start // per_page != previous_start // per_page
            assert (numbers[i] != numbers[i - 1]) == crossed
        start += size

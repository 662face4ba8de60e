"""Where a reply nests: pure rules, checked over many shapes of thread."""

from hypothesis import given
from hypothesis import strategies as st

from utgivare.comments.threading import (
    MAX_SUPPORTED_DEPTH,
    Node,
    child_path,
    path_depth,
    path_ids,
    place_reply,
)

ids = st.integers(min_value=1, max_value=10**9)


@st.composite
def comment_paths(draw):
    """A stored comment: a path of 1..10 distinct increasing ids."""
    chain = sorted(draw(st.sets(ids, min_size=1, max_size=MAX_SUPPORTED_DEPTH)))
    path = ""
    for comment_id in chain:
        path = child_path(path, comment_id)
    return path


def test_new_comment_starts_a_thread_at_the_top():
    placement = place_reply(None, max_depth=3)
    assert placement.depth == 1
    assert placement.parent_id is None
    assert not placement.names_answered


def test_reply_nests_under_the_comment_it_answers():
    top = Node(7, child_path("", 7))
    placement = place_reply(top, max_depth=3)
    assert placement.parent_id == 7
    assert placement.depth == 2
    assert not placement.names_answered


def test_reply_at_the_last_level_attaches_beside_it_and_names_whom_it_answers():
    third = Node(30, child_path(child_path(child_path("", 10), 20), 30))
    placement = place_reply(third, max_depth=3)
    assert placement.parent_id == 20
    assert placement.depth == 3
    assert placement.names_answered


def test_flat_threads_put_every_reply_at_the_top():
    placement = place_reply(Node(5, child_path("", 5)), max_depth=1)
    assert placement.parent_id is None and placement.depth == 1 and placement.names_answered


@given(path=comment_paths(), max_depth=st.integers(min_value=1, max_value=MAX_SUPPORTED_DEPTH))
def test_a_reply_never_nests_deeper_than_the_setting(path, max_depth):
    answered = Node(path_ids(path)[-1], path)
    placement = place_reply(answered, max_depth)
    assert 1 <= placement.depth <= max_depth
    assert path_depth(placement.parent_path) == placement.depth - 1


@given(path=comment_paths(), max_depth=st.integers(min_value=1, max_value=MAX_SUPPORTED_DEPTH))
def test_a_reply_stays_inside_the_conversation_it_answers(path, max_depth):
    answered = Node(path_ids(path)[-1], path)
    placement = place_reply(answered, max_depth)
    # Its parent is the answered comment or one of its ancestors ...
    assert path.startswith(placement.parent_path)
    expected_parent = path_ids(placement.parent_path)[-1] if placement.parent_path else None
    assert placement.parent_id == expected_parent
    # ... and it names the answered comment exactly when it is not nested under it.
    assert placement.names_answered == (placement.parent_id != answered.id)


@given(path=comment_paths(), new_id=ids)
def test_sorting_by_path_puts_replies_after_what_they_answer(path, new_id):
    reply_path = child_path(path, new_id)
    assert sorted([reply_path, path]) == [path, reply_path]
    assert path_ids(reply_path)[-1] == new_id


@given(a=ids, b=ids, reply=ids)
def test_an_older_thread_and_all_its_replies_come_before_a_newer_thread(a, b, reply):
    if a == b:
        return
    older, newer = sorted([a, b])
    assert child_path(child_path("", older), reply) < child_path("", newer)

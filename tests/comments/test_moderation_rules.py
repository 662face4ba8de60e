"""Whether a new comment is published at once or held: pure rules."""

from hypothesis import given
from hypothesis import strategies as st

from utgivare.comments.moderation import (
    ModerationMode,
    Rules,
    Status,
    Submission,
    banned_words_in,
    hidden_by_reports,
    initial_status,
    parse_word_list,
)

modes = st.sampled_from(list(ModerationMode))
texts = st.text(max_size=300)


def test_first_comment_is_held_by_default():
    verdict = initial_status(Submission(text="Hej", name="Anna"), Rules())
    assert verdict.status == Status.PENDING and verdict.reasons == ("first_comment",)


def test_commenter_with_approved_history_is_published_by_default():
    verdict = initial_status(
        Submission(text="Hej", name="Anna", has_approved_history=True), Rules()
    )
    assert verdict.published


def test_banned_word_holds_even_under_post_moderation():
    rules = Rules(mode=ModerationMode.POST, banned_words=("bedrag*",))
    verdict = initial_status(Submission(text="Rena bedragarna!", name="Anna"), rules)
    assert verdict.status == Status.PENDING and "banned_word" in verdict.reasons


def test_too_many_links_hold_the_comment():
    rules = Rules(mode=ModerationMode.POST, max_links=1)
    text = "Se https://a.example/ och http://b.example/ och www.c.example"
    verdict = initial_status(Submission(text=text, name="Anna"), rules)
    assert "too_many_links" in verdict.reasons


def test_a_name_that_imitates_the_author_is_held():
    rules = Rules(mode=ModerationMode.POST, reserved_names=("Karin Lund",))
    verdict = initial_status(Submission(text="Jag har ändrat mig.", name="karin  LUND"), rules)
    assert verdict.reasons == ("reserved_name",)


def test_word_list_parses_lines_commas_and_comments():
    assert parse_word_list("Idiot\n# en kommentar\n bedrag*, lögnare \n\nidiot") == (
        "idiot",
        "bedrag*",
        "lögnare",
    )


def test_banned_words_match_whole_words_only():
    assert banned_words_in("Han är en idiot.", ("idiot",)) == ["idiot"]
    assert banned_words_in("Idioti är ett ord.", ("idiot",)) == []
    assert banned_words_in("Bedragaren talade.", ("bedrag*",)) == ["bedrag*"]


@given(text=texts, name=st.text(max_size=40), mode=modes, history=st.booleans())
def test_trusted_writers_are_always_published(text, name, mode, history):
    rules = Rules(mode=mode, banned_words=("x",), max_links=0, reserved_names=(name,))
    verdict = initial_status(
        Submission(text=text, name=name, is_trusted=True, has_approved_history=history), rules
    )
    assert verdict.published


@given(text=texts, name=st.text(max_size=40), history=st.booleans())
def test_pre_moderating_everything_never_publishes_a_guest(text, name, history):
    rules = Rules(mode=ModerationMode.PRE_ALL)
    verdict = initial_status(Submission(text=text, name=name, has_approved_history=history), rules)
    assert verdict.status == Status.PENDING


@given(text=texts, name=st.text(max_size=40), mode=modes, history=st.booleans())
def test_a_verdict_is_pending_or_published_with_a_reason(text, name, mode, history):
    verdict = initial_status(
        Submission(text=text, name=name, has_approved_history=history), Rules(mode=mode)
    )
    assert verdict.status in (Status.PENDING, Status.APPROVED)
    assert verdict.reasons


@given(word=st.from_regex(r"[a-zåäö]{3,12}", fullmatch=True), prefix=texts, mode=modes)
def test_a_banned_word_anywhere_holds_the_comment(word, prefix, mode):
    rules = Rules(mode=mode, banned_words=(word,))
    verdict = initial_status(Submission(text=f"{prefix} {word.upper()}!", name="A"), rules)
    assert verdict.status == Status.PENDING


@given(reports=st.integers(min_value=0, max_value=50), threshold=st.integers(0, 20))
def test_reports_hide_a_comment_only_at_the_threshold(reports, threshold):
    assert hidden_by_reports(reports, threshold) == (threshold > 0 and reports >= threshold)

from hypothesis import given
from hypothesis import strategies as st

from utgivare.publication.reading_time import count_words, iso_duration, reading_minutes

word_counts = st.integers(min_value=-10, max_value=200_000)


@given(word_counts, word_counts)
def test_reading_time_never_decreases_with_more_words(a, b):
    fewer, more = sorted((a, b))
    assert reading_minutes(fewer) <= reading_minutes(more)


@given(word_counts)
def test_reading_time_is_at_least_one_minute(words):
    assert reading_minutes(words) >= 1


@given(st.integers(min_value=1, max_value=200_000))
def test_reading_time_covers_the_text_at_200_words_a_minute(words):
    minutes = reading_minutes(words)
    assert (minutes - 1) * 200 < words <= minutes * 200


def test_swedish_words_with_letters_and_hyphens_count_once():
    assert count_words("Kommunstyrelsens ordförande, tillika S-gruppens ledare, svarar.") == 6


def test_iso_duration_for_schema_org():
    assert iso_duration(4) == "PT4M"

"""WebVTT captions: what the upload check accepts and the messages editors see."""

from hypothesis import given
from hypothesis import strategies as st

from utgivare.webtv import captions


def test_a_valid_file_with_identifiers_notes_and_hours_is_read():
    data = (
        "\ufeffWEBVTT - Fullmäktige\n\nNOTE skrivet av redaktionen\n\n"
        "intro\n00:00.000 --> 00:01.500 align:start\nHej!\n\n"
        "01:00:01.000 --> 01:00:02.000\nEn timme in.\n"
    ).encode()
    cues, problems = captions.parse(data)
    assert problems == []
    assert [(cue.start, cue.end, cue.text) for cue in cues] == [
        (0.0, 1.5, "Hej!"),
        (3601.0, 3602.0, "En timme in."),
    ]


def test_each_mistake_gets_its_own_message():
    assert captions.problems(b"1\n00:00.000 --> 00:01.000\nHej\n") == [
        "Filen är inte WebVTT: den första raden ska vara ”WEBVTT”."
    ]
    assert captions.problems("WEBVTT\n\n00:00.000 --> 00:01.000\nHej".encode("utf-16")) != []
    assert captions.problems(b"WEBVTT\n\n00:02.000 --> 00:01.000\nBaklanges\n") == [
        "Rad 3: textens sluttid måste komma efter starttiden."
    ]
    assert captions.problems(b"WEBVTT\n\n") == ["Textfilen innehåller ingen text med tider."]
    assert captions.problems(b"WEBVTT\n\n\xff\xfe") == ["Textfilen är inte sparad som UTF-8."]


timestamps = st.integers(min_value=0, max_value=10 * 3600 * 1000)


def stamp(millis):
    hours, rest = divmod(millis, 3600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


@given(
    st.lists(
        st.tuples(
            timestamps,
            st.integers(1, 60_000),
            st.text(
                alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
                min_size=1,
                max_size=40,
            ).filter(lambda text: text.strip() and "-->" not in text),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_every_well_formed_file_is_accepted_with_all_its_cues(cue_list):
    body = "".join(
        f"{stamp(start)} --> {stamp(start + length)}\n{text.strip()}\n\n"
        for start, length, text in cue_list
    )
    cues, problems = captions.parse(f"WEBVTT\n\n{body}".encode())
    assert problems == []
    assert len(cues) == len(cue_list)

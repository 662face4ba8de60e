"""A piece's topics as editors type them and as the WordPress importer writes them."""

from utgivare.publication.pieces import TOPICS_MAX_LENGTH, joined_topics, topic_names


def test_topics_are_read_trimmed_each_once_in_their_order():
    assert topic_names(" Kommunen,  hamnen ,, Hamnen, Skolskjuts  i  Nacka,") == [
        "Kommunen",
        "hamnen",
        "Skolskjuts i Nacka",
    ]
    assert topic_names("") == []


def test_imported_names_keep_their_commas_out_and_fit_the_field_whole():
    assert joined_topics(["Val, 2026", "Kommunen", "kommunen"]) == "Val 2026, Kommunen"
    many = joined_topics(f"Ämne nummer {n}" for n in range(100))
    assert len(many) <= TOPICS_MAX_LENGTH
    assert all(name.startswith("Ämne nummer ") for name in topic_names(many))
    assert topic_names(many)[-1] == f"Ämne nummer {len(topic_names(many)) - 1}"

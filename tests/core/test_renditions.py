"""The renditions an article's picture reads (core.renditions, a cheaper lookup than
Wagtail's for the cold drawing) are the ones Wagtail's `get_renditions` gives: the
image's own, for its current focal point, made when missing, in one query."""

from django.core.cache import cache

from tests.factories import ImageFactory
from utgivare.core import compiled_queries, renditions

SPECS = renditions.expanded(("width-1200", "format-{webp,jpeg} width-{360,720,1200}"))


def described(found):
    return [(r.pk, r.image_id, r.filter_spec, r.focal_point_key, r.file.name) for r in found]


def test_renditions_are_wagtails_for_each_image(db):
    compiled_queries.forget()
    images = [ImageFactory(), ImageFactory()]
    for image in images:
        image.get_renditions(*SPECS[:3])  # some made before, the rest made now
    for image in images:
        cache.clear()
        found = renditions.for_specs(image, SPECS)
        wagtails = list(type(image).objects.get(pk=image.pk).get_renditions(*SPECS).values())
        assert described(found) == described(wagtails)
        assert {r.image_id for r in found} == {image.pk}
        assert all(r.image is image for r in found)


def test_stored_renditions_cost_one_query_and_cached_ones_none(db, django_assert_num_queries):
    image = ImageFactory()
    image.get_renditions(*SPECS)
    cache.clear()
    made = described(type(image).objects.get(pk=image.pk).get_renditions(*SPECS).values())
    cache.clear()
    with django_assert_num_queries(1):
        assert described(renditions.for_specs(image, SPECS)) == made
    with django_assert_num_queries(0):
        assert described(renditions.for_specs(image, SPECS)) == made


def test_kept_renditions_serve_wagtails_own_lookup_for_its_image(db, django_assert_num_queries):
    image = ImageFactory()
    image.get_renditions(*SPECS)
    cache.clear()
    kept = described(renditions.for_specs(image, SPECS))  # read from the database, kept
    asking = type(image).objects.get(pk=image.pk)
    with django_assert_num_queries(0):
        found = list(asking.get_renditions(*SPECS).values())
    assert described(found) == kept
    assert all(rendition.image is asking for rendition in found)


def test_a_moved_focal_point_gets_new_renditions(db):
    image = ImageFactory()
    image.get_renditions("fill-300x200")
    before = described(image.renditions.all())
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 20, 20
    image.save()
    cache.clear()
    (found,) = renditions.for_specs(image, ["fill-300x200"])
    assert found.focal_point_key != before[0][3]
    assert described([found]) == described(image.get_renditions("fill-300x200").values())
    assert found.pk != before[0][0]


def drawn_by(template_code, image):
    from django.template import engines

    return engines["django"].from_string(template_code).render({"image": image})


WAGTAILS = (
    "{% load wagtailimages_tags %}"
    '{% picture image format-{webp,jpeg} width-{360,720,1200} sizes="100vw" alt=alt %}'
    "{% image image width-1200 as og %}{{ og.url }} {{ og.width }}x{{ og.height }}"
)
OURS = (
    "{% load core_tags %}"
    '{% fetch_renditions image "width-1200" "format-{webp,jpeg} width-{360,720,1200}" %}'
    '{% picture_of image "format-{webp,jpeg} width-{360,720,1200}" sizes="100vw" alt=alt %}'
    '{% rendition image "width-1200" as og %}{{ og.url }} {{ og.width }}x{{ og.height }}'
)


def test_the_picture_tags_draw_what_wagtails_draw(db, django_assert_num_queries):
    compiled_queries.forget()  # the tags' own spellings compile the statement
    image = ImageFactory(title='Bild "<b>"')
    expected = drawn_by(WAGTAILS.replace("alt=alt", 'alt="Kajen & <båtarna>"'), image)
    assert "<source" in expected and "srcset=" in expected
    cache.clear()
    fresh = type(image).objects.get(pk=image.pk)
    # After the renditions exist: one query fetches them all, the tags ask nothing more.
    with django_assert_num_queries(1):
        ours = drawn_by(OURS.replace("alt=alt", 'alt="Kajen & <båtarna>"'), fresh)
    assert ours == expected


def test_a_missing_original_draws_wagtails_stand_ins_instead_of_failing(db):
    compiled_queries.forget()  # the tags' own spellings compile the statement
    image = ImageFactory()
    image.file.storage.delete(image.file.name)
    assert drawn_by(OURS, image) == drawn_by(WAGTAILS, image)
    assert "not-found" in drawn_by(OURS, image)

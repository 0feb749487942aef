"""``filter_measures``: each parameter alone and combined, bad input, languages, query counts."""

import pytest
from django.http import QueryDict

from digiradar_wagtail.models import MeasurePage, MeasureTopic
from digiradar_wagtail.public.filters import filter_measures
from tests import builders

from .conftest import count_queries, make_term


def titles(radar, querystring):
    return [measure.title for measure in filter_measures(radar, QueryDict(querystring)).measures]


ALL = ["Digitaler Parkausweis", "Solarkataster", "Barrierefreie Formulare"]


@pytest.mark.parametrize(
    "querystring, expected",
    [
        ("", ALL),
        ("sector=sektor-1", ["Digitaler Parkausweis"]),
        ("sector=sektor-1&sector=sektor-3", ["Digitaler Parkausweis", "Barrierefreie Formulare"]),
        ("ring=ring-2", ["Solarkataster"]),
        ("ring=ring-4", []),
        ("department=rit", ["Digitaler Parkausweis", "Solarkataster"]),  # lead or co-department
        ("department=kvr", ["Solarkataster"]),
        ("topic=mobilitaet", ["Digitaler Parkausweis", "Barrierefreie Formulare"]),
        ("topic=mobilitaet&topic=energie", ALL),
        ("principle=datenschutz", ["Digitaler Parkausweis"]),
        (
            "principle=barrierefreiheit&principle=datenschutz",
            ["Digitaler Parkausweis", "Barrierefreie Formulare"],
        ),
        ("q=Photovoltaik", ["Solarkataster"]),
        ("q=Parkausweis", ["Digitaler Parkausweis"]),
        # different parameters are AND-ed
        ("department=rit&topic=energie", ["Solarkataster"]),
        ("topic=mobilitaet&sector=sektor-3", ["Barrierefreie Formulare"]),
        ("topic=mobilitaet&principle=datenschutz&ring=ring-1", ["Digitaler Parkausweis"]),
        ("department=rit&q=Photovoltaik", ["Solarkataster"]),
        ("department=kvr&q=Parkausweis", []),
    ],
)
def test_each_parameter_alone_and_combined(catalogue, radar, querystring, expected):
    assert titles(radar, querystring) == expected


@pytest.mark.parametrize(
    "querystring",
    ["sector=nirgendwo", "ring=ring-9", "department=xyz", "topic=raumfahrt", "principle=eile", "q=Zeppelin"],
)
def test_unknown_values_give_an_empty_result(catalogue, radar, querystring):
    result = filter_measures(radar, QueryDict(querystring))
    assert result.measures == []
    assert result.matching_ids == set()
    assert result.is_active
    assert len(result.all_measures) == 3  # the radar still shows every blip, dimmed


def test_a_draft_never_matches(catalogue, radar):
    result = filter_measures(radar, QueryDict("q=Entwurf"))
    assert result.measures == []
    assert catalogue["draft"].pk not in {measure.pk for measure in result.all_measures}


@pytest.mark.parametrize(
    "querystring",
    [
        "sector=" + "x" * 5000,
        "q=" + "Parkausweis " * 500,
        "q=%00%01Park",
        "sector=%00x",
        "q=%22%2A%2A%22",
        "q=%22%28*%29+AND+OR+NOT+NEAR%28",
        "q=%27%3B+DROP+TABLE+wagtailcore_page%3B--",
        "topic=%3Cscript%3E",
        "&".join([f"topic=t{index}" for index in range(500)]),
        "sector=s%C3%BCd&q=%F0%9F%9A%80",
    ],
)
def test_garbage_never_raises(catalogue, radar, querystring):
    result = filter_measures(radar, QueryDict(querystring))
    assert result.is_active
    assert len(result.querystring) < 3000
    assert all(len(values) <= 20 for values in result.params.values())


def test_search_finds_words_despite_punctuation(catalogue, radar):
    assert titles(radar, "q=%22Parkausweis%22*") == ["Digitaler Parkausweis"]
    assert titles(radar, "q=*%22") == []


def test_params_are_normalised_for_the_form_and_permalinks(catalogue, radar):
    result = filter_measures(
        radar, QueryDict("topic=+energie+&topic=energie&q=++Solar++&page=2&sector=&ring=%00")
    )
    assert result.params == {"topic": ["energie"], "q": ["Solar"]}
    assert result.querystring == "topic=energie&q=Solar"
    assert result.selected("topic") == ["energie"]
    assert not filter_measures(radar, QueryDict("page=2")).is_active


def test_the_permalink_gives_the_same_result(catalogue, radar):
    first = filter_measures(radar, QueryDict("department=rit&department=rit&topic=energie&unrelated=1"))
    again = filter_measures(radar, QueryDict(first.querystring))
    assert again.matching_ids == first.matching_ids == {catalogue["solar"].pk}


def test_a_plain_dict_works_too(catalogue, radar):
    assert [m.title for m in filter_measures(radar, {"sector": ["sektor-2"]}).measures] == ["Solarkataster"]
    assert [m.title for m in filter_measures(radar, {"ring": "ring-3"}).measures] == [
        "Barrierefreie Formulare"
    ]


def test_choices_list_the_radar_parts_and_the_terms_in_use(catalogue, radar):
    make_term(MeasureTopic._meta.get_field("topic").related_model, "unbenutzt", "Unbenutzt")
    choices = filter_measures(radar, QueryDict("")).choices
    assert [slug for slug, _ in choices["sector"]] == ["sektor-1", "sektor-2", "sektor-3"]
    assert [slug for slug, _ in choices["ring"]] == ["ring-1", "ring-2", "ring-3", "ring-4"]
    # only the terms that live measures use; the draft's department is not offered by itself
    assert choices["department"] == [("rit", "IT-Referat"), ("kvr", "Kreisverwaltungsreferat")]
    assert choices["topic"] == [("energie", "Energie"), ("mobilitaet", "Mobilität")]
    assert choices["principle"] == [("barrierefreiheit", "Barrierefreiheit"), ("datenschutz", "Datenschutz")]


def test_the_english_radar_filters_by_the_same_slugs_and_names_terms_in_english(catalogue, radar, english):
    english_measures = {
        key: builders.translate(page, english) for key, page in catalogue.items() if key != "draft"
    }
    english_radar = english_measures["parking"].get_parent().specific
    result = filter_measures(english_radar, QueryDict("department=rit&topic=energie"))
    assert [m.pk for m in result.measures] == [english_measures["solar"].pk]
    assert all(m.locale_id == english.pk for m in result.all_measures)
    assert len(result.all_measures) == 3
    assert result.choices["department"] == [("kvr", "District administration"), ("rit", "IT department")]
    assert ("mobilitaet", "Mobility") in result.choices["topic"]
    assert ("datenschutz", "Data protection") in result.choices["principle"]
    # the German radar is unaffected by the English pages
    assert {m.locale_id for m in filter_measures(radar, QueryDict("")).all_measures} == {radar.locale_id}


def test_another_radar_is_not_mixed_in(catalogue, radar, home):
    other = builders.make_radar(home, title="Anderes Radar", slug="anderes")
    builders.make_measure(other, "Fremde Maßnahme", sector=0, ring=0)
    assert titles(radar, "sector=sektor-1") == ["Digitaler Parkausweis"]
    assert titles(other, "sector=sektor-1") == ["Fremde Maßnahme"]
    assert titles(radar, "q=Fremde") == []


def _populate(radar, terms, count):
    for index in range(count):
        page = builders.make_measure(
            radar,
            f"Maßnahme {index:03d}",
            sector=index % 3,
            ring=index % 4,
            publish=False,
            lead_department=terms["rit"] if index % 2 else terms["kvr"],
        )
        MeasureTopic.objects.create(page=page, topic=terms["energie" if index % 2 else "mobilitaet"])
    # Drafts are quicker to build than published pages; make them live in one go.
    MeasurePage.objects.child_of(radar).update(live=True)


@pytest.mark.parametrize(
    "querystring",
    ["", "sector=sektor-1&ring=ring-1&department=rit&topic=energie&principle=datenschutz&q=Maßnahme"],
)
def test_query_count_does_not_grow_with_the_number_of_measures(home, terms, querystring):
    small = builders.make_radar(home, slug="klein")
    large = builders.make_radar(home, slug="gross")
    _populate(small, terms, 10)
    _populate(large, terms, 200)

    def run(radar):
        result = filter_measures(radar, QueryDict(querystring))
        return len(result.all_measures), len(result.measures), result.choices

    small_queries, (small_total, _, _) = count_queries(lambda: run(small))
    large_queries, (large_total, _, _) = count_queries(lambda: run(large))
    assert (small_total, large_total) == (10, 200)
    assert small_queries == large_queries
    assert large_queries <= 12

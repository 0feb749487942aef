"""
Turn a radar page's GET parameters into the measures they select.

The radar page, its list, the exports and the Atom feed all filter through
:func:`filter_measures`, so that one URL means the same selection everywhere.

Parameters (all repeatable): ``sector``, ``ring``, ``department`` (lead or co-department),
``topic``, ``principle`` take slugs; several values of one parameter are OR-ed, different
parameters AND-ed. ``q`` is a full-text query through Wagtail search in the radar's language,
best matches first. A value that names nothing on this radar selects nothing; it is never an error.
"""

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import Q

from ..localization import in_locale
from ..models import (
    Department,
    MeasureCoDepartment,
    MeasurePage,
    MeasurePrinciple,
    MeasureTopic,
    Principle,
    Topic,
)
from ..search import search_backend, words_only
from .listing import live_measures

SLUG_PARAMETERS = ("sector", "ring", "department", "topic", "principle")
TEXT_PARAMETER = "q"
PARAMETERS = SLUG_PARAMETERS + (TEXT_PARAMETER,)
# Bounds that keep a hand-made or hostile URL cheap; no slug is longer than 80 characters.
MAX_VALUES = 20
MAX_SLUG_LENGTH = 100
MAX_QUERY_LENGTH = 200
# The radar's order; ids break ties where sort_order is unset (parts added in code, not the admin).
MEASURE_ORDER = ("sector__sort_order", "sector_id", "ring__sort_order", "ring_id", "title", "pk")


def _clean(value, limit):
    # PostgreSQL refuses NUL in text, and other control characters help nobody.
    value = "".join(char for char in str(value) if char >= " " or char == "\t")
    return value.strip()[:limit]


def normalise_params(params):
    """``{name: [values]}`` for the known parameters: trimmed, de-duplicated, bounded."""
    normalised = {}
    for name in SLUG_PARAMETERS:
        values = []
        for raw in params.getlist(name)[: MAX_VALUES * 2] if hasattr(params, "getlist") else []:
            value = _clean(raw, MAX_SLUG_LENGTH)
            if value and value not in values:
                values.append(value)
        if values:
            normalised[name] = values[:MAX_VALUES]
    query = _clean(params.get(TEXT_PARAMETER, ""), MAX_QUERY_LENGTH) if hasattr(params, "get") else ""
    if query:
        normalised[TEXT_PARAMETER] = [query]
    return normalised


def querystring(params):
    """The normalised parameters as a query string (without ``?``), in a stable order."""
    return urlencode([(name, value) for name in PARAMETERS for value in params.get(name, [])])


def _taxonomy_q(name, slugs):
    """
    A condition on measures for a taxonomy parameter, as ``pk__in`` subqueries.

    Taxonomy slugs are the same in every language, so the condition holds whether a measure's
    foreign keys point at the source language's terms or at its own.
    """
    if name == "department":
        co_led = MeasureCoDepartment.objects.filter(department__slug__in=slugs).values("page_id")
        return Q(lead_department__slug__in=slugs) | Q(pk__in=co_led)
    row_model, column = {"topic": (MeasureTopic, "topic"), "principle": (MeasurePrinciple, "principle")}[name]
    return Q(pk__in=row_model.objects.filter(**{f"{column}__slug__in": slugs}).values("page_id"))


def _search_ranking(radar, query):
    """
    Primary keys of the radar's live measures that the search finds for ``query``, best first,
    in the radar's language (its stemming on PostgreSQL with ``digiradar_wagtail.search``).
    """
    words = words_only(query)
    if not words:
        return []
    candidates = MeasurePage.objects.child_of(radar).live().filter(locale_id=radar.locale_id).only("pk")
    backend = search_backend(radar.locale.language_code)
    return [page.pk for page in backend.search(words, candidates, order_by_relevance=True)]


@dataclass
class FilterResult:
    """
    The measures a radar shows for one set of filter parameters.

    ``measures`` are those that match, ordered by sector, ring and title, or best first for a
    search (``rank``: ``{pk: position}``); ``all_measures`` are all live measures of the radar,
    so that a radar can dim the others.
    """

    radar: object
    params: dict
    all_measures: list
    matching_ids: set
    choices: dict = field(default_factory=dict)
    rank: dict = field(default_factory=dict)

    @cached_property
    def measures(self):
        matching = [measure for measure in self.all_measures if measure.pk in self.matching_ids]
        if self.rank:
            matching.sort(key=lambda measure: self.rank.get(measure.pk, len(self.rank)))  # stable
        return matching

    @property
    def is_active(self):
        return bool(self.params)

    @property
    def querystring(self):
        return querystring(self.params)

    def selected(self, name):
        """The values chosen for ``name``; handy for ticking the form's checkboxes."""
        return self.params.get(name, [])


def names_existing_terms(radar, normalised):
    """
    True if every slug in ``normalised`` names a sector or ring of ``radar`` or an existing
    department, topic or principle (one query per parameter used). Filters that name nothing are
    valid (they select nothing) but are not worth a cache entry.
    """
    sources = {
        "sector": radar.sectors.all(),
        "ring": radar.rings.all(),
        "department": Department.objects.all(),
        "topic": Topic.objects.all(),
        "principle": Principle.objects.all(),
    }
    for name in SLUG_PARAMETERS:
        wanted = set(normalised.get(name, []))
        if wanted:
            found = set(sources[name].filter(slug__in=wanted).values_list("slug", flat=True).distinct())
            if found != wanted:
                return False
    return True


def filter_choices(radar, measures_queryset):
    """
    What the filter form offers: ``{name: [(slug, name), ...]}`` in the radar's language.

    Sectors and rings are the radar's own; departments, topics and principles are those its
    live measures use. Foreign keys may point at the source language's terms, hence ``in_locale``.
    """
    locale = radar.locale
    measures_queryset = measures_queryset.order_by()
    measure_ids = measures_queryset.values("pk")
    used = {
        "department": Department.objects.filter(
            Q(pk__in=measures_queryset.values("lead_department_id"))
            | Q(pk__in=MeasureCoDepartment.objects.filter(page_id__in=measure_ids).values("department_id"))
        ),
        "topic": Topic.objects.filter(
            pk__in=MeasureTopic.objects.filter(page_id__in=measure_ids).values("topic_id")
        ),
        "principle": Principle.objects.filter(
            pk__in=MeasurePrinciple.objects.filter(page_id__in=measure_ids).values("principle_id")
        ),
    }
    choices = {
        "sector": [(part.slug, part.name) for part in radar.sectors.all()],
        "ring": [(part.slug, part.name) for part in radar.rings.all()],
    }
    for name, queryset in used.items():
        terms = {}
        for term in in_locale(queryset, locale):
            terms.setdefault(term.slug, term.name)  # one entry per slug, even if both languages are used
        choices[name] = sorted(terms.items(), key=lambda item: item[1].casefold())
    return choices


def filter_measures(radar, params, with_choices=True, load=list):
    """
    Filter the live measures of ``radar`` by ``params`` (a QueryDict or a dict of lists).

    The number of queries does not depend on the number of measures: one for all measures,
    one for the matching ids when a taxonomy parameter is given, one for the search when ``q``
    is, and a fixed few for the form's choices unless ``with_choices`` is false (exports do not
    need them). ``load(queryset)`` reads all measures: by default as pages; the radar page reads
    the few fields it shows as rows (``public.listing.listed_measures``).
    """
    if not hasattr(params, "getlist"):
        params = _ListDict(params or {})
    normalised = normalise_params(params)
    base = live_measures(radar).filter(locale_id=radar.locale_id).order_by(*MEASURE_ORDER)
    all_measures = load(base)

    matching_ids = {measure.pk for measure in all_measures}
    if any(name in normalised for name in SLUG_PARAMETERS):
        selection = base
        if "sector" in normalised:
            selection = selection.filter(sector__slug__in=normalised["sector"])
        if "ring" in normalised:
            selection = selection.filter(ring__slug__in=normalised["ring"])
        for name in ("department", "topic", "principle"):
            if name in normalised:
                selection = selection.filter(_taxonomy_q(name, normalised[name]))
        matching_ids &= set(selection.order_by().values_list("pk", flat=True).distinct())
    rank = {}
    if TEXT_PARAMETER in normalised:
        ranking = _search_ranking(radar, normalised[TEXT_PARAMETER][0])
        rank = {pk: position for position, pk in enumerate(ranking)}
        matching_ids &= set(rank)

    return FilterResult(
        radar=radar,
        params=normalised,
        all_measures=all_measures,
        matching_ids=matching_ids,
        choices=filter_choices(radar, base) if with_choices else {},
        rank=rank,
    )


class _ListDict(dict):
    """Lets a plain ``{name: value or [values]}`` stand in for a QueryDict."""

    def getlist(self, name):
        value = super().get(name, [])
        return list(value) if isinstance(value, (list, tuple)) else [value]

    def get(self, name, default=None):
        values = self.getlist(name)
        return values[-1] if values else default

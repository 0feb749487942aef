"""
Wagtail API v2 for sites that publish measures: Wagtail's pages endpoint with input checked first.

Wagtail's ``PagesAPIViewSet`` lets any field in ``api_fields`` be used as a filter
(``?start_date=...``) but converts only integers and booleans, so a date, a decimal or an
out-of-range number reaches the database and answers 500. This endpoint answers 400 with a
message instead, refuses NUL characters in every parameter and bounds the search::

    from digiradar_wagtail.api import PagesAPIViewSet
    api_router.register_endpoint("pages", PagesAPIViewSet)

System check ``digiradar_wagtail.W003`` tells when a site still serves Wagtail's own endpoint.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.fields.related import RelatedField
from django.utils.translation import gettext as _
from wagtail.api.v2 import views as wagtail_api_views
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from .search import search_backend, words_only

# Longer searches are not needed to find a measure and cost the search backend dearly.
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 20


def _check_value(field, name, value):
    """Convert ``value`` as the database would, and say in a 400 what is wrong with it."""
    try:
        if isinstance(field, (models.BooleanField, RelatedField)) or not hasattr(field, "to_python"):
            return  # Wagtail converts booleans and foreign keys itself
        python_value = field.to_python(value)
        if isinstance(field, (models.IntegerField, models.DecimalField, models.AutoField)):
            field.run_validators(python_value)  # the database's integer range, max_digits
    except (ValidationError, ValueError, TypeError, OverflowError) as error:
        raise BadRequestError(
            _("'%(value)s' is not a valid value for %(field)s.") % {"value": value[:50], "field": name}
        ) from error


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filter, after each value was converted by its model field."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name in fields and name != "locale":
                try:
                    field = queryset.model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                _check_value(field, name, value)
        return super().filter_queryset(request, queryset, view)


class LanguageSearchFilter(SearchFilter):
    """
    Wagtail's ``?search=``, through ``DIGIRADAR_SEARCH_BACKEND`` and in the language of ``?locale=``
    (every configured language without it), best matches first unless ``?order=`` is given.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError(_("Search is switched off."))
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError(_("A search cannot be combined with a tag filter."))
        operator = request.GET.get("search_operator") or None
        if operator not in (None, "and", "or"):
            raise BadRequestError(_("search_operator must be 'and' or 'or'."))
        backend, query = search_backend(request.GET.get("locale")), words_only(request.GET["search"])
        try:
            return backend.search(
                query, queryset, operator=operator, order_by_relevance="order" not in request.GET
            )
        except (FilterFieldError, OrderByFieldError) as error:
            raise BadRequestError(
                _("'%(field)s' cannot be combined with a search.") % {"field": error.field_name}
            ) from error


def check_parameters(params):
    """Refuse what no field holds (NUL) and searches beyond what a person types."""
    for name, values in params.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            raise BadRequestError(_("Parameters must not contain NUL characters."))
    search = params.get("search", "")
    if len(search) > MAX_SEARCH_LENGTH or len(search.split()) > MAX_SEARCH_WORDS:
        raise BadRequestError(
            _("The search is too long: at most %(length)d characters and %(words)d words.")
            % {"length": MAX_SEARCH_LENGTH, "words": MAX_SEARCH_WORDS}
        )


class PagesAPIViewSet(wagtail_api_views.PagesAPIViewSet):
    """Wagtail's pages endpoint that answers 400, never 500, to malformed parameters."""

    filter_backends = [
        {FieldsFilter: CheckedFieldsFilter, SearchFilter: LanguageSearchFilter}.get(backend, backend)
        for backend in wagtail_api_views.PagesAPIViewSet.filter_backends
    ]

    def get_queryset(self):
        # Each page's locale is in every listing item: one join instead of one query per page.
        return super().get_queryset().select_related("locale")

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_parameters(request.GET)

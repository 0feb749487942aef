"""
Full-text search in each page's own language on PostgreSQL: a Wagtail search backend.

Wagtail's database backend on PostgreSQL stems every object with one text search configuration
(``SEARCH_CONFIG``). Several backend entries, one per language, do not help: they all write the
same index table, one row per object, so the entry listed last overwrites the others
(wagtail/wagtail#9253). This backend keeps Wagtail's PostgreSQL backend and its single index, and
chooses the configuration per object: a German page is indexed with ``german``, an English one
with ``english``, whatever has no language with ``SEARCH_CONFIG``. A search in one language
(:meth:`for_language`) uses that language's configuration; a search without a language (the
admin's, an API call without ``locale``) finds a word in any of them::

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "digiradar_wagtail.search",
            "LANGUAGE_SEARCH_CONFIGS": {"de": "german", "en": "english"},
        }
    }

On any other database it is Wagtail's database backend, unchanged (``LANGUAGE_SEARCH_CONFIGS``
is then ignored). The radar's ``q`` and the API's ``search`` go through :func:`search_backend`.
"""

import re

from django.db import connection
from wagtail.search.backends import get_search_backend

from ..conf import digiradar_settings

LANGUAGE_CONFIGS_PARAM = "LANGUAGE_SEARCH_CONFIGS"
NOT_A_WORD = re.compile(r"[^\w]+")


def SearchBackend(params):  # noqa: N802  (Wagtail looks a backend module's "SearchBackend" up)
    if connection.vendor == "postgresql":
        from .postgres import LanguagePostgresSearchBackend  # needs PostgreSQL's IndexEntry model

        return LanguagePostgresSearchBackend(params)
    from wagtail.search.backends.database import SearchBackend as database_backend

    return database_backend({key: value for key, value in params.items() if key != LANGUAGE_CONFIGS_PARAM})


def search_backend(language=None):
    """
    The backend named by ``DIGIRADAR_SEARCH_BACKEND``, searching in ``language`` (a language code
    such as ``"de"``) where the backend knows languages.
    """
    backend = get_search_backend(digiradar_settings.SEARCH_BACKEND)
    return backend.for_language(language) if hasattr(backend, "for_language") else backend


def words_only(query):
    """
    ``query`` with everything but words blanked out: what reaches a backend from a visitor. A
    stray quote or asterisk is a syntax error to SQLite's FTS5 (a 500), and search syntax is not
    offered anyway. ``""`` when no word is left (Wagtail then finds nothing).
    """
    return " ".join(NOT_A_WORD.sub(" ", query).split())


def base_language(code):
    """``"de"`` for ``"de-at"`` or ``"DE"``; ``""`` for none."""
    return (code or "").lower().split("-")[0]

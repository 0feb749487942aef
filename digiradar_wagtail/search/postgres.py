"""
The language-aware PostgreSQL backend (see :mod:`digiradar_wagtail.search`). Imported only on
PostgreSQL: Wagtail's PostgreSQL search module needs the PostgreSQL form of its index table.
"""

import copy
from functools import cached_property, reduce

from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Phrase, PlainText

from . import LANGUAGE_CONFIGS_PARAM, base_language


class LanguageIndex(PostgresIndex):
    """Wagtail's index, each object stemmed in its language's configuration (a batch per configuration)."""

    def add_items(self, model, objs):
        batches = {}
        for obj in objs:
            batches.setdefault(self.backend.config_for_object(obj), []).append(obj)
        for config, batch in batches.items():
            index = copy.copy(self)
            index.backend = self.backend.with_config(config)
            super(LanguageIndex, index).add_items(model, batch)


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    """Builds the query in every configuration the search covers; a page matches in any of them."""

    def get_config(self, backend):
        return backend.query_configs()

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(config, tuple) and isinstance(query, (PlainText, Phrase)):
            build = super().build_tsquery_content
            queries = [build(query, config=one, invert=invert) for one in config]
            queries = [tsquery for tsquery in queries if tsquery is not None]
            if not queries:
                return None
            # "not in any configuration" is "in none of them" (De Morgan, as Wagtail does for Not)
            return reduce(lambda a, b: (a & b) if invert else (a | b), queries)
        return super().build_tsquery_content(query, config=config, invert=invert)


class LanguagePostgresSearchBackend(PostgresSearchBackend):
    """Wagtail's PostgreSQL search backend with a text search configuration per language."""

    index_class = LanguageIndex
    query_compiler_class = LanguageQueryCompiler
    language = None  # set by for_language(): search in one language's configuration

    def __init__(self, params):
        super().__init__(params)
        configs = params.get(LANGUAGE_CONFIGS_PARAM) or {}
        self.language_configs = {base_language(code): config for code, config in configs.items()}

    def config_for_language(self, language):
        return self.language_configs.get(base_language(language), self.config)

    def for_language(self, language):
        """This backend, searching in ``language``'s configuration only."""
        clone = copy.copy(self)
        clone.language = base_language(language) or None
        return clone

    def with_config(self, config):
        clone = copy.copy(self)
        clone.config = config
        return clone

    def query_configs(self):
        """The configurations a search uses, as a tuple (``None``: the database's default)."""
        if self.language is not None:
            return (self.config_for_language(self.language),)
        return tuple(dict.fromkeys([*self.language_configs.values(), self.config]))

    @cached_property
    def _language_codes(self):
        from wagtail.models import Locale

        return dict(Locale.objects.values_list("pk", "language_code"))

    def config_for_object(self, obj):
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None or not self.language_configs:
            return self.config
        return self.config_for_language(self._language_codes.get(locale_id))

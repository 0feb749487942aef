"""
What the optional sub-apps add to the radar, registered in their ``AppConfig.ready()``.

The radar app never imports ``digiradar_wagtail.comments`` or ``digiradar_wagtail.ratings``; each
of them (or a city's own app) fills in this registry instead:

- ``register_block_renderer(key, renderer)``: how a participation block (see
  ``digiradar_wagtail.participation.blocks``) with ``participation_key == key`` is drawn on a
  page: ``renderer(block, value, context) -> HTML``. A block whose app is not installed renders
  nothing and is not offered in the editor.
- ``register_measure_aggregate(aggregate)``: figures per measure for the API and the exports,
  such as rating results. ``aggregate.name`` is the field in the Wagtail API and
  ``aggregate.export_name`` the key in ``export.json``; ``aggregate.load(translation_keys)`` returns
  ``{translation_key: figures}`` in a fixed number of queries; ``aggregate.api_field()`` returns a
  Wagtail ``APIField``.

- ``register_follow_link(link)``: the follow app's ``link(subject, request) -> URL or None``, the
  page where a citizen follows ``subject`` (a measure, a radar, a radar's sector as
  ``(radar, sector)``, or an idea). :func:`follow_link` answers None while no app registered one,
  so templates show a "Follow" link only where following works.
- ``register_digest_section(section)``: a part of the weekly digest that a department's contact
  mailbox gets: ``section(measures, since) -> {"title": str, "items": [str, ...]}`` or None, for
  the department's measures (a queryset of ``MeasurePage``) and what happened after ``since``
  (an aware datetime). Items are short texts written for editors; they may quote citizens (the
  digest goes to the city, not to the public). A fixed number of queries per section.

- ``register_radar_subpage_type(model_label)``: a page type an editor may add below a radar
  besides measures (the ideas app's ``digiradar_ideas.IdeasPage``).
- ``register_radar_file(name, view)``: an open-data file of an app next to the radar's own
  (``<radar URL><name>``, e.g. ``ideas.json``), served by ``view(request, radar)`` for a live,
  public radar, and kept by a shared cache like ``export.json``. Register it in ``ready()``: the
  URL pattern is built when the URLconf loads.
- ``register_measure_note(name, note)``: ``note(measure, request) -> HTML or None``, a short note the
  measure page shows below its teaser (the ideas app: "from a citizen idea"); likewise
  ``register_radar_note(name, note)`` for the radar page's header (the ideas app: a link to the
  radar's ideas page). A note must render the same for every visitor (the page is kept by a shared
  cache) and cost a fixed number of queries.

Nothing here touches models, so the registry can be filled while apps load.
"""

_block_renderers = {}
_measure_aggregates = {}


def register_block_renderer(key, renderer):
    _block_renderers[key] = renderer


def block_renderer(key):
    return _block_renderers.get(key)


def register_measure_aggregate(aggregate):
    _measure_aggregates[aggregate.name] = aggregate
    from .models import MeasurePage  # the app registry is ready when sub-apps register

    if aggregate.name not in [field.name for field in MeasurePage.api_fields]:
        MeasurePage.api_fields.append(aggregate.api_field())


def measure_aggregates():
    """The registered aggregates, in a stable order."""
    return [_measure_aggregates[name] for name in sorted(_measure_aggregates)]


_follow_links = []
_digest_sections = {}


def register_follow_link(link):
    _follow_links[:] = [link]


def follow_link(subject, request=None):
    """Where a citizen follows ``subject``, or None if no follow app is installed."""
    return _follow_links[0](subject, request) if _follow_links else None


def register_digest_section(name, section):
    _digest_sections[name] = section


def digest_sections():
    """The registered digest sections, in a stable order (by name)."""
    return [_digest_sections[name] for name in sorted(_digest_sections)]


def digest_section(name):
    """The digest section registered as ``name``, or None."""
    return _digest_sections.get(name)


_page_notes = {}


def register_radar_subpage_type(model_label):
    """Let editors add pages of ``model_label`` ("app_label.ModelName") below a radar."""
    from .models import RadarIndexPage  # the app registry is ready when sub-apps register

    if model_label not in RadarIndexPage.subpage_types:
        RadarIndexPage.subpage_types = [*RadarIndexPage.subpage_types, model_label]
        RadarIndexPage._clean_subpage_models = None  # Wagtail caches the resolved list on first use


def register_measure_note(name, note):
    _page_notes.setdefault("measure", {})[name] = note


def register_radar_note(name, note):
    _page_notes.setdefault("radar", {})[name] = note


def page_notes(kind, page, request=None):
    """The notes the registered apps have for a ``"measure"`` or ``"radar"`` page (HTML), in a
    stable order."""
    registered = _page_notes.get(kind, {})
    notes = (registered[name](page, request) for name in sorted(registered))
    return [note for note in notes if note]


_radar_files = {}


def register_radar_file(name, view):
    _radar_files[name] = view


def radar_files():
    """``{file name: view}`` of the registered radar files."""
    return dict(_radar_files)

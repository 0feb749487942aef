from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import MeasureListingViewSet, RadarTaxonomyGroup

register_snippet(RadarTaxonomyGroup)


@hooks.register("register_admin_viewset")
def register_measure_listing():
    return MeasureListingViewSet()

from .opendata import wagtail_hooks as opendata_hooks  # noqa: E402,F401  (the import view and menu item)

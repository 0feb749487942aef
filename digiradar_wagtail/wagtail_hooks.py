from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet

from .freshness import stale_q
from .models import MeasurePage
from .viewsets import MeasureListingViewSet, RadarTaxonomyGroup

register_snippet(RadarTaxonomyGroup)


@hooks.register("register_admin_viewset")
def register_measure_listing():
    return MeasureListingViewSet()


class StaleProgressPanel(Component):
    """Dashboard panel: how many live measures the editor may change have stale progress."""

    name = "digiradar_stale_progress"
    template_name = "digiradar_wagtail/admin/stale_progress_panel.html"
    order = 140

    def __init__(self, editable_pages):
        self.editable_pages = editable_pages

    def get_context_data(self, parent_context):
        count = MeasurePage.objects.live().filter(stale_q(), pk__in=self.editable_pages.values("pk")).count()
        return {"count": count, "listing_url": reverse("digiradar_measures:index") + "?progress=stale"}


@hooks.register("construct_homepage_panels")
def add_stale_progress_panel(request, panels):
    policy = PagePermissionPolicy(Page)
    if policy.user_has_permission(request.user, "change"):
        panels.append(StaleProgressPanel(policy.instances_user_has_permission_for(request.user, "change")))


from .opendata import wagtail_hooks as opendata_hooks  # noqa: E402,F401  (the import view and menu item)

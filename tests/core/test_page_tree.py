"""Where radar and measure pages may be created (Wagtail's page-type rules)."""

from demo.models import ContentPage, HomePage
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from digiradar_wagtail.ideas.models import IdeasPage
from digiradar_wagtail.models import MeasurePage, RadarIndexPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_radar_goes_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, RadarIndexPage)
        # A site may also put its radars under a bare page, e.g. a section of its own.
        self.assertCanCreateAt(Page, RadarIndexPage)

    def test_radar_only_where_a_parent_allows_it(self):
        self.assertAllowedParentPageTypes(RadarIndexPage, {Page, HomePage})
        self.assertCanNotCreateAt(ContentPage, RadarIndexPage)
        self.assertCanNotCreateAt(RadarIndexPage, RadarIndexPage)
        self.assertCanNotCreateAt(MeasurePage, RadarIndexPage)

    def test_radar_holds_measures_and_the_pages_the_apps_register(self):
        # The demo installs the ideas app, which registers its ideas page for radars
        # (extensions.register_radar_subpage_type); nothing else goes below a radar.
        self.assertAllowedSubpageTypes(RadarIndexPage, {MeasurePage, IdeasPage})
        self.assertCanCreateAt(RadarIndexPage, MeasurePage)
        self.assertCanCreateAt(RadarIndexPage, IdeasPage)
        self.assertCanNotCreateAt(RadarIndexPage, ContentPage)
        self.assertAllowedParentPageTypes(IdeasPage, {RadarIndexPage})

    def test_measure_only_under_a_radar(self):
        self.assertAllowedParentPageTypes(MeasurePage, {RadarIndexPage})
        self.assertCanNotCreateAt(HomePage, MeasurePage)
        self.assertCanNotCreateAt(Page, MeasurePage)
        self.assertCanNotCreateAt(ContentPage, MeasurePage)
        self.assertCanNotCreateAt(MeasurePage, MeasurePage)

    def test_nothing_under_a_measure(self):
        self.assertAllowedSubpageTypes(MeasurePage, set())
        self.assertCanNotCreateAt(MeasurePage, ContentPage)

"""The demo city's own pages: a home page and plain content pages (privacy, imprint)."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["digiradar_wagtail.RadarIndexPage", "demo.ContentPage"]
    template = "demo/home_page.html"

    def get_context(self, request, *args, **kwargs):
        from digiradar_wagtail.models import RadarIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["radars"] = RadarIndexPage.objects.child_of(self).live().public()
        return context


class ContentPage(Page):
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    subpage_types = []
    template = "demo/content_page.html"

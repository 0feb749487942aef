from wagtail.models import Page


class HomePage(Page):
    """The site's home page: radars and any other page may go below it."""

    template = "testapp/home_page.html"

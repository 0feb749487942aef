"""URLs worked out from a page's URL without asking the page again: its children, its files."""

from django.utils.encoding import iri_to_uri
from wagtail.models import pages as wagtail_pages


def child_url(parent_url, parent_path, child_path):
    """
    The URL of a child page from its parent's URL: what ``Page.get_url`` works out for each
    measure (with or without ``WAGTAIL_APPEND_SLASH``), without a site lookup per measure.
    """
    if parent_url is None:
        return None
    url = parent_url.rstrip("/") + "/" + iri_to_uri(child_path[len(parent_path) :])
    # The setting as Page.get_url reads it (once, when Wagtail's page model is imported).
    return url if wagtail_pages.WAGTAIL_APPEND_SLASH else url.rstrip("/")


def file_url(page_url, name):
    """
    A file served under a page (``feed.atom``, ``export.json``), with or without the page's
    trailing slash; None for a page without a URL (a new page in preview).
    """
    return None if page_url is None else page_url.rstrip("/") + "/" + name

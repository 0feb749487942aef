"""Moderated citizen comments for any Wagtail page, on django-comments-xtd."""

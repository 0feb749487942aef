"""Wagtail admin hooks of the open-data package (imported from ``wagtail_hooks``)."""

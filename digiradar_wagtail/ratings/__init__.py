"""Citizen ratings for any Wagtail page: one vote per person."""

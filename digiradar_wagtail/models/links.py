"""Optional links from one object to another that outlive what they point to."""

from django.db import models


def optional_link(to, verbose_name, **options):
    """
    A ForeignKey to ``to`` that may be empty and is emptied (not cascaded) when its target is
    deleted, with no reverse accessor: a lead department, the page a discussion started on, the
    chosen privacy page.
    """
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )

from django.db import models


class BaselineRow(models.Model):
    """One row per request of the baseline view."""

    value = models.SmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigiradarRatingsConfig(AppConfig):
    name = "digiradar_wagtail.ratings"
    label = "digiradar_ratings"
    verbose_name = _("Citizen ratings")
    default_auto_field = "django.db.models.BigAutoField"

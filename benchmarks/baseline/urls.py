from django.urls import path
from example_site.urls import urlpatterns as site_urlpatterns

from . import views

urlpatterns = [
    path("bench-baseline/insert/", views.insert),
    path("bench-baseline/cast/", views.cast),
    *site_urlpatterns,
]

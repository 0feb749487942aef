from django.urls import path
from example_site.urls import urlpatterns as site_urlpatterns

from . import views

urlpatterns = [path("bench-baseline/insert/", views.insert), *site_urlpatterns]

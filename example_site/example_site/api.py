from wagtail.api.v2.router import WagtailAPIRouter

from digiradar_wagtail.api import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

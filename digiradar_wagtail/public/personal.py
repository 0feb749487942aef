"""
The per-visitor parts of a public page, for the page's script: ``GET digiradar/personal/<page id>/``.

A page that a shared cache keeps (``public/shared_cache.py``) carries its participation blocks
(comments, rating) rendered for everyone: without a CSRF token, a form token, "your vote" or a
message. ``personal.js`` asks this endpoint for the same blocks rendered for the visitor (with
the page's query string, so that the same thread page shows) and puts them in place. The answer
is never cached; it sets the CSRF cookie that the forms in it need.
"""

from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Page

from ..participation.blocks import ParticipationWindowBlock
from ..participation.streamfield import find_blocks


@never_cache
@require_GET
def personal_parts(request, page_id):
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    page = page.specific
    context = {"page": page, "self": page, "request": request}
    parts = [
        block.render(value, context)
        for value, block in find_blocks(page, ParticipationWindowBlock)
        if block.is_available()
    ]
    return JsonResponse({"html": "".join(parts)})

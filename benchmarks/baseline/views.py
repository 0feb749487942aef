import uuid

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from digiradar_wagtail.ratings.services import RatingError, cast_vote

from .models import BaselineRow


@csrf_exempt  # the minimal view: no CSRF, no session, no template, one INSERT
@require_POST
def insert(request):
    row = BaselineRow.objects.create(value=int(request.POST.get("value", 0)))
    return JsonResponse({"id": row.pk})


@csrf_exempt  # a vote's storage alone: no page, no form check, no rate limit, no rendering
@require_POST
def cast(request):
    """``cast_vote`` as the vote endpoint calls it (with the form's nonce), for the storage ratio."""
    value = request.POST.get("value")
    try:
        previous = cast_vote(
            uuid.UUID(request.POST["key"]),
            "stars",
            int(value) if value else None,
            voter_id=request.POST["voter"],
            nonce=request.POST["nonce"],
        )
    except RatingError as error:
        return JsonResponse({"error": type(error).__name__}, status=error.status)
    return JsonResponse({"previous": previous})

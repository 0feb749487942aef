from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import BaselineRow


@csrf_exempt  # the minimal view: no CSRF, no session, no template, one INSERT
@require_POST
def insert(request):
    row = BaselineRow.objects.create(value=int(request.POST.get("value", 0)))
    return JsonResponse({"id": row.pk})

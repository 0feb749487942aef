"""
What the public ideas pages show: the list with its GET filters and one idea. Both are rendered
for everyone where a shared cache may keep them (``IdeasPage`` is a ``SharedCachePageMixin``):
no form with a token here, only links to the uncached pages of ``views.py``.
"""

from django.core.paginator import Paginator
from django.db.models import Count
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import extensions
from ..conf import digiradar_settings
from .conf import ideas_settings
from .forms import IdeaFilterForm
from .models import Answer, Idea, IdeasPage, IdeaSupport


def radar_sectors(page):
    """The sectors of the page's radar in the page's language, in order (one query)."""
    from ..models import RadarSector

    return list(RadarSector.objects.filter(page_id=page.radar.pk).order_by("sort_order"))


def _context(page, request, **context):
    return {
        "page": page,
        "self": page,
        "request": request,
        "base_template": digiradar_settings.BASE_TEMPLATE,
        "propose_url": reverse("digiradar_ideas:propose", args=[page.pk]),
        **context,
    }


def _with_sector_names(ideas, sectors):
    names = {sector.slug: sector for sector in sectors}
    for idea in ideas:
        idea.sector_shown = names.get(idea.sector_slug)
    return ideas


def filtered_ideas(page, data, sectors):
    """``(form, queryset)``: the page's published ideas as the GET filters ask (form may be invalid)."""
    form = IdeaFilterForm(sectors, data)
    ideas = Idea.objects.published().filter(radar_key=page.radar_key)
    if not form.is_valid():
        return form, ideas.none()
    values = form.cleaned_data
    if values["answer"]:
        ideas = ideas.filter(answer=values["answer"])
    if values["sector"]:
        ideas = ideas.filter(sector_slug=values["sector"])
    if values["sort"] == "supported":
        # Counted for every idea: the order needs them all (one GROUP BY).
        return form, ideas.with_support_count().order_by("-support_count", "-created_at", "-pk")
    return form, ideas.order_by("-created_at", "-pk")


def _count_supports(ideas):
    """Give the ideas of one page their support counts (one query), unless the list counted them."""
    ideas = list(ideas)
    missing = [idea.pk for idea in ideas if not hasattr(idea, "support_count")]
    if missing:
        rows = IdeaSupport.objects.filter(idea_id__in=missing).values("idea_id").annotate(n=Count("pk"))
        counts = {row["idea_id"]: row["n"] for row in rows}
        for idea in ideas:
            idea.support_count = counts.get(idea.pk, 0)
    return ideas


def ideas_list(page, request):
    sectors = radar_sectors(page)
    radar_url = page.radar.get_url(request)
    form, ideas = filtered_ideas(page, request.GET, sectors)
    paginator = Paginator(ideas.select_related("measure"), ideas_settings.IDEAS_PER_PAGE)
    number = form.cleaned_data.get("page") if form.is_valid() else 1
    page_obj = paginator.get_page(number or 1)
    page_obj.object_list = _with_sector_names(_count_supports(page_obj.object_list), sectors)
    query = request.GET.copy()
    query.pop("page", None)
    context = _context(
        page,
        request,
        form=form,
        ideas=page_obj,
        page_query=query.urlencode(),
        page_url=page.get_url(request),
        radar_url=radar_url,
        open_data={name: radar_url + f"ideas.{name}" for name in ("json", "csv")},
    )
    return TemplateResponse(
        request, "digiradar_ideas/ideas_page.html", context, status=400 if form.errors else 200
    )


def is_row_id(value):
    """Whether ``value`` from a URL can be a row's id at all (a database refuses larger integers)."""
    return 0 < value < 2**63


def idea_detail(page, request, pk):
    idea = is_row_id(pk) and (
        Idea.objects.published()
        .filter(pk=pk, radar_key=page.radar_key)
        .with_support_count()
        .select_related("measure")
        .first()
    )
    if not idea:
        return TemplateResponse(
            request,
            "digiradar_ideas/message.html",
            _context(
                page,
                request,
                title=_("Idea not found"),
                text=_("This idea does not exist or is not published."),
            ),
            status=404,
        )
    _with_sector_names([idea], radar_sectors(page))
    measure = idea.measure
    if measure is not None and measure.live and measure.locale_id != page.locale_id:
        measure = measure.get_translation_or_none(page.locale) or measure
    context = _context(
        page,
        request,
        idea=idea,
        measure=measure if measure is not None and measure.live else None,
        list_url=page.get_url(request),
        support_url=reverse("digiradar_ideas:support", args=[idea.pk]),
        report_url=reverse("digiradar_ideas:report", args=[idea.pk]),
        follow_url=extensions.follow_link(idea, request),
        TAKEN_UP=Answer.TAKEN_UP,
    )
    return TemplateResponse(request, "digiradar_ideas/idea_page.html", context)


def measure_note(measure, request=None):
    """The line "From a citizen idea", with a link to the idea, for a measure made from one (one query)."""
    idea = (
        Idea.objects.published()
        .filter(measure__translation_key=measure.translation_key)
        .order_by("pk")
        .first()
    )
    if idea is None:
        return None
    page = IdeasPage.objects.live().filter(radar_key=idea.radar_key, locale_id=measure.locale_id).first()
    url = page.idea_url(idea, request) if page else None
    return render_to_string("digiradar_ideas/measure_note.html", {"idea": idea, "url": url})


def radar_note(radar, request=None):
    """Where a radar's visitors propose and support ideas: its live ideas page (one query)."""
    page = IdeasPage.objects.live().public().child_of(radar).first()
    if page is None:
        return None
    return render_to_string("digiradar_ideas/radar_note.html", {"url": page.get_url(request)})

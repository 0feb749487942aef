"""POST data for the Wagtail admin's page forms, built with ``wagtail.test.utils.form_data``."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def existing_formset(objects, fields, deleted=()):
    """An inline formset that resubmits ``objects`` unchanged (or marks those in ``deleted``)."""
    items = []
    for obj in objects:
        item = {"id": str(obj.pk), **{field: str(getattr(obj, field)) for field in fields}}
        if obj in deleted:
            item["DELETE"] = "1"
        items.append(item)
    return inline_formset(items, initial=len(items))


def page_form_data(data, fields):
    """A page's own form ``data``, the promote and settings fields every page posts, then ``fields``."""
    every_page = {
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    return nested_form_data({**data, **every_page, **fields})


def measure_form_data(radar, *, sector=None, ring=None, **fields):
    """Everything the measure add/edit form posts, for a measure in ``radar``; ``fields`` override."""
    sectors, rings = list(radar.sectors.all()), list(radar.rings.all())
    data = {
        "title": "Digitale Bürger-ID",
        "slug": "digitale-buerger-id",
        "teaser": "Ein Konto für alle Online-Dienste der Stadt.",
        "body": streamfield(
            [
                ("heading", "Worum es geht"),
                ("paragraph", rich_text("<p>Bürgerinnen und Bürger melden sich <b>einmal</b> an.</p>")),
            ]
        ),
        "plain_language_summary": "Mit einem Konto zu allen Ämtern.",
        "topics": inline_formset([]),
        "sector": str((sector or sectors[1]).pk),
        "ring": str((ring or rings[2]).pk),
        "delivery_status": "on_track",
        "status_reason": "",
        "progress_percent": "40",
        "progress_as_of": "2024-03-01",
        "progress_method": "Anteil der angebundenen Dienste.",
        "start_date": "2023-01-01",
        "planned_end_date": "2025-12-31",
        "actual_end_date": "",
        "milestones": inline_formset(
            [
                {"title": "Pilot im Bürgerbüro", "due_date": "2024-06-30", "done": "on"},
                {"title": "Alle Dienste angebunden", "due_date": "2025-12-31"},
            ]
        ),
        "lead_department": "",
        "co_departments": inline_formset([]),
        "contact_email": "buerger-id@example.invalid",
        "external_id": "M-042",
        "principles": inline_formset([]),
        "indicators": inline_formset(
            [
                {
                    "name": "Angebundene Dienste",
                    "unit": "Dienste",
                    "baseline": "0",
                    "target": "120",
                    "current": "48",
                }
            ]
        ),
        "budget_planned": "1250000.00",
        "funding_source": "Haushalt RIT",
        "council_decisions": inline_formset(
            [
                {
                    "reference": "20-26 / V 01234",
                    "title": "Digitalisierungsstrategie",
                    "decided_on": "2019-07-24",
                }
            ]
        ),
        "relations": inline_formset([]),
        "participation": streamfield(
            [
                ("comments", {"mode": "open", "opens_at": "", "closes_at": "", "heading": ""}),
                (
                    "rating",
                    {
                        "mode": "open",
                        "opens_at": "",
                        "closes_at": "",
                        "question": "Wie wichtig ist Ihnen diese Maßnahme?",
                        "scale": "stars",
                        "show_results": "always",
                    },
                ),
            ]
        ),
    }
    return page_form_data(data, fields)


def radar_form_data(radar, *, sectors=None, rings=None, **fields):
    """The radar edit form, resubmitting its sectors and rings unless ``sectors``/``rings`` are given."""
    part_fields = ("name", "slug", "colour", "description")
    data = {
        "title": radar.title,
        "slug": radar.slug,
        "intro": rich_text(radar.intro or "<p>Alle Maßnahmen der Stadt.</p>"),
        "sectors": sectors if sectors is not None else existing_formset(radar.sectors.all(), part_fields),
        "rings": rings if rings is not None else existing_formset(radar.rings.all(), part_fields),
    }
    return page_form_data(data, fields)

"""
Builds the demo city from ``content.py``.

Every step is "get or create": an object that exists is left alone, so loading the demo
twice changes nothing. English versions are made with wagtail-localize (string translations
stored for every source string), so that the admin's translation editor shows them as done.
"""

import datetime
import html
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, ReferenceIndex, Site
from wagtail.rich_text import RichText
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from digiradar_wagtail.models import (
    Department,
    MeasureCoDepartment,
    MeasureCouncilDecision,
    MeasureIndicator,
    MeasureMilestone,
    MeasurePage,
    MeasurePrinciple,
    MeasureRelation,
    MeasureTopic,
    Principle,
    RadarIndexPage,
    Topic,
)
from digiradar_wagtail.models.history import record_publication
from digiradar_wagtail.models.measure import DeliveryStatus

from . import content
from .models import ContentPage, HomePage


def de(value):
    """The German text of a ``(german, english)`` pair, or a text that is the same in both."""
    return value[0] if isinstance(value, tuple) else value


# slugify() would drop umlauts to a, o, u; German URLs spell them ae, oe, ue.
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def german_slug(text):
    return slugify(text.translate(UMLAUTS))


def rich_text(blocks):
    """Rich text from ``(tag, text)`` blocks; each block becomes one translatable string."""
    return "".join(f"<{tag}>{html.escape(de(text), quote=False)}</{tag}>" for tag, text in blocks)


def paragraphs(texts):
    return rich_text(("p", text) for text in texts)


def measure_slugs(spec):
    return german_slug(spec["title"][0]), slugify(spec["title"][1])


def glossary(*data):
    """German -> English for every ``(german, english)`` pair in ``data``: one object's texts."""
    pairs = {}

    def walk(value):
        if isinstance(value, tuple) and len(value) == 2 and all(isinstance(part, str) for part in value):
            pairs[value[0]] = value[1]
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(data)
    return pairs


def translate(instance, locale, english):
    """
    Translate ``instance`` (a page or snippet) into ``locale`` the way an editor would in
    wagtail-localize: one string translation per source string, then create the translation.
    """
    existing = instance.get_translation_or_none(locale)
    if existing is not None:
        return existing
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        german = html.unescape(segment.string.data)
        if german not in english:
            raise KeyError(f"No English text in content.py for {german!r} ({segment.context.path})")
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": StringValue.from_plaintext(english[german]).data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    is_page = isinstance(instance, Page)
    # Pages: save a draft and publish it here; wagtail-localize would publish only on commit.
    translation, _ = source.create_or_update_translation(locale, publish=not is_page)
    if is_page:
        translation.get_latest_revision().publish()
        translation = translation.specific_class.objects.get(pk=translation.pk)
    return translation


class DemoLoader:
    def __init__(self):
        self.german = Locale.objects.get_or_create(language_code="de")[0]
        self.english = Locale.objects.get_or_create(language_code="en")[0]
        self.now = timezone.now()

    def to_english(self, instance, *data):
        """Translate ``instance`` with the English texts found in ``data`` (its part of content.py)."""
        return translate(instance, self.english, glossary(*data))

    def publish_new(self, parent, page):
        """Add ``page`` under ``parent`` unless a page with its slug is there already."""
        existing = parent.get_children().filter(slug=page.slug, locale=self.german).specific().first()
        if existing is not None:
            return existing
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    # --- pages of the demo city ---------------------------------------------------------

    def home(self):
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(depth=2, locale=self.german).first()
        if home is None:
            home = HomePage(
                title=de(content.HOME["title"]),
                slug=content.HOME["slug"],
                intro=paragraphs(content.HOME["intro"]),
                locale=self.german,
            )
            root.add_child(instance=home)
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        # Wagtail's "Welcome to your new Wagtail site!" page, unless someone built on it.
        plain_page = ContentType.objects.get_for_model(Page)
        for welcome in Page.objects.filter(depth=2, content_type=plain_page, numchild=0):
            if not Site.objects.filter(root_page=welcome).exists():
                welcome.delete()
        self.to_english(home, content.HOME, (content.HOME["slug"], "home"))
        return home

    def privacy(self, home):
        spec = content.PRIVACY
        page = ContentPage(
            title=de(spec["title"]), slug=de(spec["slug"]), body=rich_text(spec["body"]), locale=self.german
        )
        page = self.publish_new(home, page)
        self.to_english(page, spec)
        return page

    def radar(self, home):
        spec = content.RADAR
        radar = RadarIndexPage(
            title=de(spec["title"]), slug=spec["slug"], intro=paragraphs(spec["intro"]), locale=self.german
        )
        radar.with_default_parts()
        for part in [*radar.sectors.all(), *radar.rings.all()]:
            texts = spec["sectors"].get(part.slug) or spec["rings"][part.slug]
            part.name, part.description = de(texts["name"]), de(texts["description"])
        radar = self.publish_new(home, radar)
        self.to_english(radar, spec, (spec["slug"], spec["slug"]))
        return radar

    # --- taxonomy -------------------------------------------------------------------------

    def taxonomy(self):
        departments, topics, principles = {}, {}, {}
        for slug, name, abbreviation in content.DEPARTMENTS:
            departments[slug] = Department.objects.get_or_create(
                slug=slug, locale=self.german, defaults={"name": de(name), "abbreviation": abbreviation}
            )[0]
            self.to_english(departments[slug], name, (abbreviation, abbreviation))
        for slug, name in content.TOPICS:
            topics[slug] = Topic.objects.get_or_create(
                slug=slug, locale=self.german, defaults={"name": de(name)}
            )[0]
            self.to_english(topics[slug], name)
        for slug, name in content.PRINCIPLES.items():
            # Created by the data migration; created here only if someone deleted one.
            principles[slug] = Principle.objects.get_or_create(
                slug=slug, locale=self.german, defaults={"name": de(name)}
            )[0]
            self.to_english(principles[slug], name)
        return departments, topics, principles

    # --- measures -------------------------------------------------------------------------

    def days_ago(self, days):
        return self.now - datetime.timedelta(days=days)

    def new_measure(self, spec, radar, taxonomy):
        departments, topics, principles = taxonomy
        sectors = {sector.slug: sector for sector in radar.sectors.all()}
        rings = {ring.slug: ring for ring in radar.rings.all()}
        steps = spec["steps"]
        days, ring, progress = steps[-1]
        as_of = self.days_ago(days).date()
        completed = [step_days for step_days, step_ring, _ in steps if step_ring == "abgeschlossen"]
        locale = self.german
        measure = MeasurePage(
            title=de(spec["title"]),
            slug=measure_slugs(spec)[0],
            locale=locale,
            external_id=spec["id"],
            teaser=de(spec["teaser"]),
            body=[("paragraph", RichText(paragraphs([paragraph]))) for paragraph in spec["body"]],
            plain_language_summary=de(spec.get("plain_language", "")),
            sector=sectors[spec["sector"]],
            ring=rings[ring],
            progress_percent=progress,
            progress_as_of=as_of,
            progress_method=de(spec["progress_method"]),
            start_date=datetime.date.fromisoformat(spec["start"]),
            planned_end_date=datetime.date.fromisoformat(spec["planned_end"]),
            actual_end_date=self.days_ago(completed[0]).date() if completed else None,
            lead_department=departments[spec["lead"]],
            contact_email=spec["contact"],
            budget_planned=Decimal(spec["budget"]) if "budget" in spec else None,
            funding_source=de(spec.get("funding", "")),
        )
        if "delayed" in spec:
            measure.delivery_status, measure.status_reason = DeliveryStatus.DELAYED, de(spec["delayed"])
        measure.milestones = [
            MeasureMilestone(
                title=de(title), due_date=datetime.date.fromisoformat(due), done=done, locale=locale
            )
            for title, due, done in spec.get("milestones", [])
        ]
        measure.co_departments = [
            MeasureCoDepartment(department=departments[slug]) for slug in spec.get("co", [])
        ]
        measure.topics = [MeasureTopic(topic=topics[slug]) for slug in spec["topics"]]
        measure.principles = [
            MeasurePrinciple(principle=principles[slug], text=de(text), locale=locale)
            for slug, text in spec["principles"]
        ]
        measure.indicators = [
            MeasureIndicator(
                name=de(row["name"]),
                unit=de(row["unit"]),
                baseline=row["baseline"],
                target=row["target"],
                current=row["current"],
                as_of=as_of,
                source=de(row["source"]),
                locale=locale,
            )
            for row in spec.get("indicators", [])
        ]
        measure.council_decisions = [
            MeasureCouncilDecision(
                reference=reference,
                title=de(title),
                decided_on=datetime.date.fromisoformat(day),
                locale=locale,
            )
            for reference, title, day in spec.get("decisions", [])
        ]
        radar.add_child(instance=measure)
        # Replay the measure's past through the same rule a real publication follows; the
        # publication below then finds nothing new to record.
        for step_days, step_ring, step_progress in steps:
            measure.ring, measure.progress_percent = rings[step_ring], step_progress
            record_publication(measure, when=self.days_ago(step_days))
        return measure

    def measures(self, radar, taxonomy):
        existing = {
            page.external_id: page for page in MeasurePage.objects.child_of(radar).filter(locale=self.german)
        }
        measures, created = {}, []
        for spec in content.MEASURES:
            measure = existing.get(spec["id"])
            if measure is None:
                measure = self.new_measure(spec, radar, taxonomy)
                created.append((spec, measure))
            measures[spec["id"]] = measure
        for spec, measure in created:
            measure.relations = [
                MeasureRelation(relation_type=kind, target=measures[target])
                for source, kind, target in content.RELATIONS
                if source == spec["id"]
            ]
            measure.save_revision().publish()
        for spec, measure in created:
            english = self.to_english(measure, spec, measure_slugs(spec))
            # The pages' own dates follow the replayed history, not the moment of loading.
            first, last = self.days_ago(spec["steps"][0][0]), self.days_ago(spec["steps"][-1][0])
            MeasurePage.objects.filter(pk__in=[measure.pk, english.pk]).update(
                first_published_at=first, last_published_at=last
            )
        # Fresh from the database: a new page's StreamField defaults are raw dicts until reloaded.
        return list(MeasurePage.objects.child_of(radar).filter(locale=self.german).order_by("path"))

    def admin_user(self):
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            return False
        User.objects.create_superuser("admin", "admin@example.invalid", "admin")
        return True

    def load(self):
        # Wagtail re-indexes a page's references on every save of the page or of one of its
        # child rows (about 1000 times for the demo); index each page once at the end instead.
        with disable_reference_index_auto_update():
            home = self.home()
            self.privacy(home)
            radar = self.radar(home)
            taxonomy = self.taxonomy()
            measures = self.measures(radar, taxonomy)
        for page in Page.objects.filter(depth__gte=2).specific():
            ReferenceIndex.create_or_update_for_object(page)
        self.admin_user()
        return radar, measures

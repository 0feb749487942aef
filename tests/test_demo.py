"""The demo city: load_demo builds it in German and English, and running it again changes nothing."""

import datetime
import io
import itertools

from demo import content
from demo.models import ContentPage, HomePage
from django.apps import apps
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from digiradar_wagtail.freshness import stale_q
from digiradar_wagtail.models import MeasureHistoryEntry, MeasurePage, RadarIndexPage


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


class DemoCityTests(TestCase):
    """Loads the demo once for the whole class (it takes seconds); each test runs in a savepoint."""

    @classmethod
    def setUpTestData(cls):
        cls.output = io.StringIO()
        call_command("load_demo", stdout=cls.output)
        cls.german = Locale.objects.get(language_code="de")
        cls.english = Locale.objects.get(language_code="en")

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cache.clear()  # Wagtail caches the site's root paths; the demo's are rolled back now

    def measures(self, locale):
        return MeasurePage.objects.filter(locale=locale).select_related("sector", "ring")

    def test_at_least_30_measures_cover_every_sector_and_ring_in_both_languages(self):
        for locale in (self.german, self.english):
            radar = RadarIndexPage.objects.get(locale=locale)
            measures = list(self.measures(locale))
            self.assertGreaterEqual(len(measures), 30)
            cells = {(measure.sector_id, measure.ring_id) for measure in measures}
            expected = set(
                itertools.product(
                    radar.sectors.values_list("pk", flat=True), radar.rings.values_list("pk", flat=True)
                )
            )
            self.assertEqual(cells, expected, locale)

    def test_every_measure_has_history_and_some_are_new_or_moved_recently(self):
        keys = {measure.translation_key for measure in self.measures(self.german)}
        entries = list(MeasureHistoryEntry.objects.filter(measure_key__in=keys))
        self.assertEqual({entry.measure_key for entry in entries}, keys)
        since = timezone.now() - datetime.timedelta(days=90)
        first_entries = {}
        for entry in sorted(entries, key=lambda entry: entry.recorded_at):
            first_entries.setdefault(entry.measure_key, entry)
        new = [entry for entry in first_entries.values() if entry.recorded_at >= since]
        moved = [entry for entry in entries if entry.ring_changed and entry.recorded_at >= since]
        self.assertGreaterEqual(len(new), 2)
        self.assertGreaterEqual(len(moved), 2)
        self.assertTrue(all(entry.recorded_at <= timezone.now() for entry in entries))

    def test_some_measures_have_stale_progress_and_their_mailboxes_are_reminded(self):
        stale = MeasurePage.objects.live().filter(stale_q(), locale=self.german)
        self.assertGreaterEqual(stale.count(), 3)
        self.assertLess(stale.count(), self.measures(self.german).count())
        call_command("send_stale_reminders", stdout=io.StringIO())
        reminded = {address for message in mail.outbox for address in message.to}
        self.assertEqual(reminded, set(stale.values_list("contact_email", flat=True)))

    def test_running_it_again_changes_no_row(self):
        before = row_counts()
        call_command("load_demo", stdout=io.StringIO())
        self.assertEqual(row_counts(), before)

    def test_the_site_root_is_the_german_home_page_and_the_welcome_page_is_gone(self):
        site = Site.objects.get(is_default_site=True)
        self.assertIsInstance(site.root_page.specific, HomePage)
        self.assertEqual(site.root_page.locale, self.german)
        self.assertFalse(Page.objects.filter(depth=2, content_type__model="page").exists())

    def test_english_texts_are_real_translations_stored_in_wagtail_localize(self):
        german = MeasurePage.objects.get(locale=self.german, external_id="DR-2019-026")
        english = german.get_translation(self.english)
        self.assertEqual(english.title, "Citizen ID: the digital citizen account")
        self.assertEqual(english.url_path.split("/")[-2], "citizen-id-the-digital-citizen-account")
        self.assertNotEqual(english.teaser, german.teaser)
        # Ties in sort_order (copied translations) leave the order to the database: pk breaks them.
        names = [row.name for row in english.indicators.order_by("sort_order", "pk")]
        self.assertEqual(names[0], "Registered accounts")
        # The translation editor shows every string of the source as translated.
        translation = Translation.objects.get(
            source__object_id=german.translation_key, target_locale=self.english
        )
        segments = StringSegment.objects.filter(source=translation.source)
        translated = StringTranslation.objects.filter(
            locale=self.english,
            translation_of__in=segments.values("string"),
            context__in=segments.values("context"),
        )
        self.assertEqual(translated.count(), segments.count())

    def test_every_demo_page_renders_in_german_and_english(self):
        pages = [
            *HomePage.objects.all(),
            *ContentPage.objects.all(),
            *RadarIndexPage.objects.all(),
            *MeasurePage.objects.all(),
        ]
        self.assertEqual(len(pages), 2 * (3 + len(content.MEASURES)))
        for page in pages:
            url = page.get_url()
            prefix = f"/{page.locale.language_code}/"
            self.assertTrue(url.startswith(prefix), url)
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertContains(response, escape(page.title), msg_prefix=url)

    def test_it_prints_counts_and_that_the_admin_user_is_for_local_use_only(self):
        output = self.output.getvalue()
        self.assertIn(f"{2 * len(content.MEASURES)} measure pages", output)
        self.assertIn("for local use only", output)

    def test_known_urls(self):
        for url in ("/de/", "/en/", "/de/radar/", "/en/radar/", "/de/datenschutz/", "/en/privacy/"):
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_english_pages_show_english_titles_and_the_radar_english_sector_names(self):
        response = self.client.get("/en/radar/")
        self.assertContains(response, "Digitalisation radar")
        for name in ("City society", "Infrastructure", "Administration"):
            self.assertContains(response, name)
        self.assertNotContains(response, "Stadtgesellschaft")
        for spec in content.MEASURES:
            self.assertContains(response, escape(spec["title"][1]))
        german = self.client.get("/de/radar/")
        self.assertContains(german, "Stadtgesellschaft")

    def test_the_demo_measures_carry_published_comments_with_one_city_reply(self):
        from digiradar_wagtail.comments.models import PUBLISHED, Comment

        published = Comment.objects.filter(state=PUBLISHED)
        self.assertGreaterEqual(published.count(), 6)
        self.assertEqual(published.filter(is_official=True).count(), 1)
        self.assertTrue(published.filter(level__gt=0).exists())  # a threaded reply
        # The thread shows on the German and on the English page of the same measure.
        city_reply = published.get(is_official=True)
        german = MeasurePage.objects.get(
            translation_key=city_reply.content_object.translation_key, locale=self.german
        )
        english = german.get_translation(self.english)
        for page in (german, english):
            self.assertContains(self.client.get(page.url), city_reply.comment)

    def test_the_demo_measures_carry_votes_whose_aggregates_add_up(self):
        from digiradar_wagtail.ratings.models import RatingTarget, Vote

        targets = RatingTarget.objects.all()
        self.assertEqual(targets.count(), 32)
        self.assertEqual(sum(target.vote_count for target in targets), Vote.objects.count())
        self.assertGreaterEqual(Vote.objects.count(), 32 * 6)
        # One result for both languages: the English page shows the German page's count.
        target = max(targets.with_counts(), key=lambda target: target.vote_count)
        german = MeasurePage.objects.get(translation_key=target.translation_key, locale=self.german)
        english = german.get_translation(self.english)
        for page in (german, english):
            self.assertContains(self.client.get(page.url), str(target.vote_count))

    def test_the_demo_has_followers_in_both_languages_and_a_department_with_the_digest(self):
        from django.apps import apps as installed

        if not installed.is_installed("digiradar_wagtail.follow"):
            return
        from digiradar_wagtail.follow.models import Notification, Subscription
        from digiradar_wagtail.models import Department

        languages = set(Subscription.objects.confirmed().values_list("language", flat=True))
        self.assertEqual(languages, {"de", "en"})
        self.assertTrue(Notification.objects.exists())  # told of a change: the worker mails them
        self.assertTrue(Department.objects.filter(weekly_digest=True).exclude(contact_email="").exists())

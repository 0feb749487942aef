"""
Citizen ideas for a radar: the idea with its moderation state and the city's answer, one support
per person, reports, and the page that lists a radar's ideas.

An idea belongs to a radar in every language (``radar_key``, the radar's translation key), so
the German and English idea pages list the same ideas; its sector is kept as the sector's slug,
which is the same in every language, next to the sector row it was proposed in.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from ..conf import digiradar_settings
from ..models.links import optional_link
from ..participation.moderation import ModerationState, Report
from ..participation.signed_links import new_nonce
from ..public.shared_cache import SharedCachePageMixin

State = ModerationState
PENDING, PUBLISHED, HIDDEN, REMOVED = State
CONFIRM_DAYS = 7


class Answer(models.TextChoices):
    """The city's answer to a published idea."""

    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    TAKEN_UP = "taken_up", _("Taken up")
    NOT_PURSUED = "not_pursued", _("Not pursued")


class IdeaQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=PUBLISHED, awaiting_confirmation=False)

    def of_radar(self, radar):
        return self.filter(radar_key=radar.translation_key)

    def with_support_count(self):
        """Each idea's supports counted in the same query (one GROUP BY, never one per idea)."""
        return self.annotate(support_count=Count("supports", distinct=True))

    def expired_unconfirmed(self):
        return self.filter(
            awaiting_confirmation=True,
            created_at__lt=timezone.now() - datetime.timedelta(days=CONFIRM_DAYS),
        )


class Idea(models.Model):
    """
    A measure a citizen proposes for a radar. Nothing is public before a moderator approves it;
    an anonymous idea with a mail address waits for the link in the confirmation mail first
    (``awaiting_confirmation``). No IP address is ever stored.
    """

    radar_key = models.UUIDField(_("radar"), db_index=True, editable=False)
    radar = optional_link("digiradar_wagtail.RadarIndexPage", _("radar page it was proposed on"))
    sector = optional_link("digiradar_wagtail.RadarSector", _("sector"))
    sector_slug = models.SlugField(_("sector slug"), max_length=80, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    author_name = models.CharField(_("name"), max_length=50, blank=True)
    author_email = models.EmailField(_("email address"), max_length=254, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language"), max_length=12, blank=True)
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now, db_index=True)
    # Moderation, as for comments
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=PENDING, db_index=True)
    awaiting_confirmation = models.BooleanField(_("awaiting confirmation by mail"), default=False)
    nonce = models.CharField(max_length=64, default=new_nonce, editable=False)
    confirmation_sent_at = models.DateTimeField(_("confirmation mail sent at"), null=True, blank=True)
    held_for = models.CharField(_("held for review because of"), max_length=64, blank=True)
    moderation_reason = models.TextField(_("reason"), blank=True)
    # The city's answer
    answer = models.CharField(
        _("answer"), max_length=16, choices=Answer.choices, default=Answer.RECEIVED, db_index=True
    )
    answer_text = models.TextField(_("the city's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    measure = models.ForeignKey(
        "digiradar_wagtail.MeasurePage",
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_ideas",
    )

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        permissions = [("moderate_ideas", _("Can moderate ideas"))]
        indexes = [models.Index(fields=["radar_key", "state", "created_at"], name="digiradar_idea_list")]

    def __str__(self):
        return self.title

    @property
    def is_published(self):
        return self.state == PUBLISHED and not self.awaiting_confirmation

    # A follow app (digiradar_wagtail.follow) lets citizens follow a published idea; it names the
    # idea by kind and number in its pages and mails, never by the citizen's title.
    digiradar_followable = True

    def follow_visible(self):
        return self.is_published

    def get_full_url(self, request=None):
        page = self.ideas_page()
        return page.idea_url(self, request, full=True) if page else None

    def ideas_page(self, locale=None):
        """The live ideas page of the idea's radar (in ``locale`` if there is one), or None."""
        pages = IdeasPage.objects.live().filter(radar_key=self.radar_key)
        if locale is not None:
            return pages.filter(locale=locale).first() or pages.first()
        return pages.first()

    def get_url(self, request=None, locale=None):
        page = self.ideas_page(locale)
        return page.idea_url(self, request) if page else None


class IdeaSupport(models.Model):
    """One person's support of an idea: a logged-in user, or an anonymous voter's hashed cookie."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    voter_id = models.CharField(max_length=64, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"],
                condition=models.Q(user__isnull=False),
                name="digiradar_ideas_one_support_per_user",
            ),
            models.UniqueConstraint(
                fields=["idea", "voter_id"],
                condition=models.Q(voter_id__isnull=False),
                name="digiradar_ideas_one_support_per_voter",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | models.Q(voter_id__isnull=False),
                name="digiradar_ideas_support_has_owner",
            ),
        ]


class IdeaReport(Report):
    """A report of a published idea: one per person (a keyed hash), with a reason."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="reports")

    class Meta(Report.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "reporter_key"], name="digiradar_ideas_one_report_per_person"
            )
        ]


class IdeasPage(SharedCachePageMixin, RoutablePageMixin, Page):
    """
    The ideas of the radar above it: the list with filters at its URL, one idea at
    ``<its URL><id>/``. Kept by a shared cache like measure pages: the propose form and the
    support button are on uncached pages under ``/digiradar/ideas/``.
    """

    intro = models.TextField(_("introduction"), blank=True)
    radar_key = models.UUIDField(editable=False, null=True, db_index=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["digiradar_wagtail.RadarIndexPage"]
    subpage_types = []
    template = "digiradar_ideas/ideas_page.html"
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("citizen ideas")
        verbose_name_plural = _("citizen ideas pages")

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.radar_key = parent.translation_key
        super().save(*args, **kwargs)

    @cached_property
    def radar(self):
        """The radar page above, as a plain ``Page`` (looked up once per instance)."""
        return self.get_parent()

    def idea_url(self, idea, request=None, full=False):
        base = self.get_full_url(request) if full else self.get_url(request)
        return base + self.reverse_subpage("idea", args=[idea.pk]) if base else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = digiradar_settings.BASE_TEMPLATE
        return context

    @path("")
    def index_route(self, request):
        from .public import ideas_list

        return ideas_list(self, request)

    @path("<int:pk>/", name="idea")
    def idea_route(self, request, pk):
        from .public import idea_detail

        return idea_detail(self, request, pk)

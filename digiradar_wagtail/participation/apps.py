"""
The base of a participation app's ``AppConfig``: what every such app plugs into the radar when it
loads, declared rather than written out in each ``ready()``.
"""

from django.apps import AppConfig
from django.utils.module_loading import import_string


class ParticipationAppConfig(AppConfig):
    """
    Subclass it as ``participation_apps.ParticipationAppConfig`` (import the module, not the class:
    Django takes the one ``AppConfig`` class in an ``apps.py`` for the app's config).

    ``block_renderer``: ``(participation_key, "dotted.path.to.renderer")``, how the app draws its
    participation block (see ``digiradar_wagtail.extensions``); ``permission_policy``:
    ``("app_label.Model", "dotted.path")``, the Wagtail permission policy of the model its
    moderators work on (a policy class, given the model, or a policy instance). ``connect()`` plugs
    in the rest (signals, checks, mail callbacks, further registry entries).
    """

    default_auto_field = "django.db.models.BigAutoField"
    block_renderer = None
    permission_policy = None

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .. import extensions

        if self.permission_policy:
            model_name, policy_path = self.permission_policy
            model = self.apps.get_model(model_name)
            policy = import_string(policy_path)
            register_permission_policy(model, policy(model) if isinstance(policy, type) else policy)
        if self.block_renderer:
            key, renderer_path = self.block_renderer
            extensions.register_block_renderer(key, import_string(renderer_path))
        self.connect()

    def connect(self):
        """Whatever else the app plugs in when it loads."""

"""
The base of a participation app's ``AppConfig``: what every such app plugs into the radar when it
loads, declared rather than written out in each ``ready()``.
"""

from importlib import import_module

from django.apps import AppConfig
from django.core import checks
from django.utils.module_loading import import_string, module_has_submodule


class ParticipationAppConfig(AppConfig):
    """
    Subclass it as ``participation_apps.ParticipationAppConfig`` (import the module, not the class:
    Django takes the one ``AppConfig`` class in an ``apps.py`` for the app's config).

    The app's label is ``digiradar_`` and its module's name (``digiradar_wagtail.ideas``:
    ``digiradar_ideas``), unless it declares another. Its ``checks.check_settings``, if it has one,
    is registered as a compatibility check.

    ``block_renderer``: ``(participation_key, "dotted.path.to.renderer")``, how the app draws its
    participation block (see ``digiradar_wagtail.extensions``); ``permission_policy``:
    ``("app_label.Model", "dotted.path")``, the Wagtail permission policy of the model its
    moderators work on (a policy class, given the model, or a policy instance). ``connect()`` plugs
    in the rest (signals, checks, mail callbacks, further registry entries).
    """

    default_auto_field = "django.db.models.BigAutoField"
    block_renderer = None
    permission_policy = None

    def __init__(self, app_name, app_module):
        if "label" not in vars(type(self)):
            self.label = "digiradar_" + app_name.rpartition(".")[2]
        super().__init__(app_name, app_module)

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .. import extensions

        if module_has_submodule(self.module, "checks"):
            app_checks = import_module(f"{self.name}.checks")
            if hasattr(app_checks, "check_settings"):
                checks.register(app_checks.check_settings, checks.Tags.compatibility)

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

"""The one permission of the ratings app: ``digiradar_ratings.moderate_ratings``."""

from wagtail.permission_policies import ModelPermissionPolicy

from .models import RatingTarget

MODERATE = "moderate"


class RatingPermissionPolicy(ModelPermissionPolicy):
    """Maps the action ``moderate`` to the ``moderate_ratings`` permission."""

    def _get_permission_name(self, action):
        if action == MODERATE:
            return "digiradar_ratings.moderate_ratings"
        return super()._get_permission_name(action)

    def _get_permission_codenames(self, actions):
        return {
            "moderate_ratings" if action == MODERATE else f"{action}_{self.model_name}" for action in actions
        }


policy = RatingPermissionPolicy(RatingTarget)

import pytest
from django.utils import translation
from wagtail.users.models import UserProfile


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser, with an English admin so that messages read the same everywhere."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    return admin_user


@pytest.fixture
def in_english():
    """Messages raised outside a request (model clean) in English, whatever LANGUAGE_CODE says."""
    with translation.override("en"):
        yield


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: builds the wheel or starts processes; deselect with -m 'not slow'"
    )

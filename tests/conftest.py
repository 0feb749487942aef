import pytest

from tests import builders


@pytest.fixture
def home(db):
    return builders.make_site()


@pytest.fixture
def radar(home):
    return builders.make_radar(home)


@pytest.fixture
def measure(radar):
    return builders.make_measure(radar, "Bürger-ID", sector=2, ring=1, progress_percent=40)


@pytest.fixture
def english():
    return builders.locales()[1]

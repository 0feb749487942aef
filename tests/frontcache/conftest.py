import pytest

from tests import builders
from tests.frontcache.varnish import _varnish_process, varnish, varnish_url  # noqa: F401  (fixtures)


@pytest.fixture
def home(varnish):  # noqa: F811  (the fixture imported above)
    """The test site, answering on Varnish's address (where Wagtail purges its pages)."""
    home = builders.make_site()
    varnish.serve_default_site()
    return home

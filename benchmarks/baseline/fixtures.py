"""Content for the load test: a site, a radar and one measure with a rating (run inside Django)."""

import json


def create_measure():
    from tests import builders

    home = builders.make_site()
    radar = builders.make_radar(home)
    measure = builders.make_measure(radar, "Lasttest-Maßnahme")
    measure.participation = [("rating", {})]
    measure.save_revision().publish()
    return json.dumps({"id": measure.pk, "url": measure.url, "key": str(measure.translation_key)})

"""The participation blocks live in the radar app, so their editor labels are in its German
catalogue: an editor sees them in German whichever sub-apps the site installs."""

from django.utils import translation

from digiradar_wagtail.participation.blocks import RatingBlock, RatingScale, ShowResults


def test_the_rating_blocks_labels_and_choices_are_german_in_a_german_admin():
    block = RatingBlock()
    with translation.override("de"):
        scales = [str(label) for _value, label in RatingScale.choices]
        assert scales == ["1 bis 5 Sterne", "Zustimmung / Ablehnung"]
        assert [str(label) for _value, label in ShowResults.choices] == [
            "Immer",
            "Nach der eigenen Stimme",
            "Nach dem Ende der Bewertung",
        ]
        assert str(block.child_blocks["question"].meta.default) == "Wie wichtig ist Ihnen diese Maßnahme?"
        assert str(block.child_blocks["show_results"].label) == "Ergebnisse zeigen"
        assert str(block.meta.label) == "Bürgerbewertung"

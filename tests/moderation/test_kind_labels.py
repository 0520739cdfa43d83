"""Queue items name their kind in the moderator's language, not by its slug."""

from django.utils import translation

from engage.moderation.registry import kinds, label_of


def test_every_registered_kind_has_a_translated_label():
    with translation.override("ar"):
        labels = {kind: label_of(kind) for kind in kinds()}
    assert set(labels) >= {"comment", "post", "claim", "factcheck"}
    for kind, label in labels.items():
        assert label and label != kind, kind
    with translation.override("en"):
        assert label_of("comment") == "comment"
        assert label_of("factcheck") == "fact-check"


def test_a_kind_no_longer_registered_keeps_its_slug():
    assert label_of("gone-kind") == "gone-kind"

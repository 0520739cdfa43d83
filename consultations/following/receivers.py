"""Signal receivers of the following app (connected in `FollowingConfig.ready()`).

They only enqueue tasks, so they sit above `tasks.py` (which uses `services.py`) and no
module of the app imports one that imports it back.
"""

from consultations.models import ConsultationPage
from engage.after_commit import on_commit_safely

from .tasks import outcome_published_task


def on_page_published(sender, instance, **kwargs):
    """Receiver for Wagtail's `page_published`: announce a newly published outcome.

    The publish request only enqueues `tasks.outcome_published_task` after commit: the
    followers are notified by a worker, in batches, however many there are."""
    if isinstance(instance, ConsultationPage) and instance.outcome_published_at:
        consultation_id = instance.pk
        on_commit_safely(
            lambda: outcome_published_task.enqueue(consultation_id),
            f"outcome announcement of consultation {consultation_id}",
        )

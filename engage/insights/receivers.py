"""Signal receivers that keep text analysis in step with content.

Imported by `InsightsConfig.ready()`; connected for each registered model, whether it
registered before or after (`registry.on_register`):

- `post_save` of the model: after commit, enqueue `tasks.analyse_content` (the text is
  analysed again only if it changed; a status change alone just moves it in or out of
  the aggregates). A save with `update_fields` touching none of the target's watched
  fields is ignored. Fixture loading (`raw`) is ignored.
- `post_delete` of the model: after commit, its row is deleted.
- `post_save` of each trigger model (a survey response): after commit, enqueue
  `tasks.analyse_triggered`.

Nothing here runs a query inside the writer's transaction; every step is registered with
`engage.after_commit.on_commit_safely`, so a queue outage never fails a write (the text
is picked up by the next `analyse_texts` run instead).
"""

from django.db.models.signals import post_delete, post_save

from engage.after_commit import on_commit_safely

from . import registry, services
from .tasks import analyse_content, analyse_triggered


def enqueue_analysis(kind, object_id):
    """After commit, analyse text `object_id` of `kind` in the background."""
    on_commit_safely(
        lambda: analyse_content.enqueue(kind, object_id), f"text analysis of {kind} {object_id}"
    )


def content_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    target = registry.target_for(sender)
    if target.is_relevant_save(update_fields):
        enqueue_analysis(target.kind, instance.pk)


def content_deleted(sender, instance, **kwargs):
    object_id = instance.pk
    on_commit_safely(
        lambda: services.forget(sender, object_id), f"forget text analysis {object_id}"
    )


def _trigger_receiver(kind, model_label):
    def trigger_saved(sender, instance, raw=False, **kwargs):
        if raw:
            return
        object_id = instance.pk
        on_commit_safely(
            lambda: analyse_triggered.enqueue(kind, model_label, object_id),
            f"text analysis of {kind} via {model_label} {object_id}",
        )

    return trigger_saved


def connect_target(target):
    """Connect the receivers of one registered target (idempotent: dispatch uids)."""
    post_save.connect(content_saved, sender=target.model, dispatch_uid=f"insights-{target.kind}")
    post_delete.connect(
        content_deleted, sender=target.model, dispatch_uid=f"insights-del-{target.kind}"
    )
    for model, _instances_of in target.triggers:
        label = model._meta.label
        post_save.connect(
            _trigger_receiver(target.kind, label),
            sender=model,
            weak=False,
            dispatch_uid=f"insights-{target.kind}-via-{label}",
        )


registry.on_register(connect_target)

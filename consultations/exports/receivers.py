"""Signal receivers of the exports app (connected in `ExportsConfig.ready()`)."""

from .tasks import run_export_job


def enqueue_export(sender, job_id, **kwargs):
    """`services.export_started`: run the export in the background."""
    run_export_job.enqueue(job_id)

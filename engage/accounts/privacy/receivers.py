"""Signal receivers of people's rights (connected in `AccountsConfig.ready()`)."""

from .tasks import build_personal_data_task


def enqueue_download(sender, job_id, **kwargs):
    """`exports.download_started`: build the personal data file in the background."""
    build_personal_data_task.enqueue(job_id)

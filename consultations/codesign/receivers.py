"""Signal receivers of co-design sessions (connected in `CodesignConfig.ready()`)."""

from .tasks import send_invitation_to_address


def enqueue_address_invitation(sender, invitation_id, language, **kwargs):
    """`services.address_invited`: email the invitation in the background."""
    send_invitation_to_address.enqueue(invitation_id, language)

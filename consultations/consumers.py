"""Live updates for consultation pages over WebSockets (route in `consultations/routing.py`).

The connection, permission check and protocol are `engage.realtime.consumers.LiveConsumer`'s;
this says which object a connection follows and which group it joins.
"""

from engage.realtime.consumers import LiveConsumer
from engage.realtime.groups import consultation_group

from .models import ConsultationPage


class ConsultationConsumer(LiveConsumer):
    """Live updates for one consultation's open pages: /ws/consultations/<id>/.

    Anyone who may view the consultation (`consultations.view_consultation`) may follow
    it. Events so far: `page.updated` (the consultation was republished) and
    `page.unpublished`; comments arrive in a later issue.
    """

    permission = "consultations.view_consultation"

    def get_object(self):
        consultation_id = self.scope["url_route"]["kwargs"]["consultation_id"]
        return ConsultationPage.objects.filter(pk=consultation_id).first()

    def group_name_for(self, obj):
        return consultation_group(obj.pk)

"""Live updates of one opinion map: /ws/opinions/<map id>/ (docs/websockets.md).

Anyone who may see the map (`opinions.view_map`) may follow it. The one event is
`map.updated`, sent by `engage.opinions.tasks` after a recomputation has stored a new
snapshot; the page then fetches its server-rendered fragment again. This consumer only
relays.
"""

from engage.realtime.consumers import LiveConsumer

from ..rules import VIEW_MAP
from ..tasks import map_group


class OpinionMapConsumer(LiveConsumer):
    permission = VIEW_MAP

    def get_object(self):
        from ..models import OpinionMap

        map_id = self.scope["url_route"]["kwargs"]["map_id"]
        return OpinionMap.objects.filter(pk=map_id).first()

    def group_name_for(self, obj):
        return map_group(obj.pk)

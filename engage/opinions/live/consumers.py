"""Live updates of one opinion map: /ws/opinions/<map id>/ (docs/websockets.md).

Anyone who may see the map (`opinions.view_map`) may follow it; for anyone else the map
does not exist (4404), as the page answers 404 for a draft. The one event is
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
        opinion_map = OpinionMap.objects.filter(pk=map_id).first()
        if opinion_map is None or not self.has_permission(opinion_map):
            return None
        return opinion_map

    def group_name_for(self, obj):
        return map_group(obj.pk)

"""Live updates for one forum thread: /ws/forums/threads/<id>/ (docs/websockets.md).

Anyone who may view the thread (`forums.view_thread`) may follow it: everyone for a
published thread in a published forum. Events: `post.created`, `post.edited`,
`post.withdrawn`, `post.hidden`, `post.removed`, `post.restored`, `thread.edited`,
`thread.withdrawn`, `thread.hidden`, `thread.removed`, `thread.restored`,
`factcheck.published`, `factcheck.edited`, `factcheck.hidden`, `factcheck.removed`,
`factcheck.restored`, `thread.verdict`, `thread.updated`, and the page events every
live page gets. They are sent by `forums.services` and `forums.moderation_hooks`; this
consumer only relays them.
"""

from engage.realtime.consumers import LiveConsumer
from engage.realtime.groups import forum_thread_group


class ForumThreadConsumer(LiveConsumer):
    permission = "forums.view_thread"

    def get_object(self):
        from .models import Thread

        thread_id = self.scope["url_route"]["kwargs"]["thread_id"]
        return Thread.objects.select_related("forum").filter(pk=thread_id).first()

    def group_name_for(self, obj):
        return forum_thread_group(obj.pk)

"""Live updates for one forum thread: /ws/forums/threads/<id>/ (docs/websockets.md).

Anyone who may view the thread (`forums.view_thread`) may follow it: everyone for a
published thread in a published forum. Events: `post.created`, `post.edited`,
`post.withdrawn`, `post.hidden`, `post.removed`, `post.restored`, `factcheck.published`,
`thread.updated`, and the page events every live page gets.
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

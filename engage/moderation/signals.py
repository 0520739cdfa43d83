"""Signals other apps listen to.

`content_moderated` is sent once the transaction of a moderation decision has committed,
with `sender` the content model and kwargs `instance`, `action` (a ModerationAction),
`old_status` and `new_status`. Content apps connect a receiver to tell live pages
(consultations.moderation_hooks broadcasts `comment.hidden`, `comment.removed`,
`comment.published`, `comment.edited`).
"""

from django.dispatch import Signal

content_moderated = Signal()

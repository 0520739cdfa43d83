"""How residents take part: comments, forums, moderation, co-design sessions,
co-authored briefs and following."""

from .environment import env, env_bool

# Comments on consultations: edit window, length and links per comment.
COMMENT_EDIT_MINUTES = int(env("COMMENT_EDIT_MINUTES", "15"))
COMMENT_MAX_LENGTH = int(env("COMMENT_MAX_LENGTH", "2000"))
COMMENT_MAX_LINKS = int(env("COMMENT_MAX_LINKS", "3"))

# Myth-busting forums (forums/). Posts share the comment limits (COMMENT_MAX_LENGTH,
# COMMENT_MAX_LINKS, COMMENT_EDIT_MINUTES). The same text sent again by the same person in
# the same thread within this many seconds is the same post, not a second one.
FORUM_DUPLICATE_WINDOW_SECONDS = int(env("FORUM_DUPLICATE_WINDOW_SECONDS", "300"))
# The longest slow mode moderators may set on a thread, in minutes.
FORUM_SLOW_MODE_MAX_MINUTES = int(env("FORUM_SLOW_MODE_MAX_MINUTES", "1440"))
# Sources per fact-check.
FORUM_FACT_CHECK_MAX_SOURCES = int(env("FORUM_FACT_CHECK_MAX_SOURCES", "10"))

# Moderation (engage.moderation): new accounts' first contributions wait for a
# moderator until this many have been published; content reported by this many
# different people is hidden until a moderator decides.
MODERATION_TRUSTED_AFTER = int(env("MODERATION_TRUSTED_AFTER", "3"))
MODERATION_HIDE_AFTER_REPORTS = int(env("MODERATION_HIDE_AFTER_REPORTS", "3"))
# Moderation queue: items per page in the admin and the API.
MODERATION_QUEUE_PAGE_SIZE = int(env("MODERATION_QUEUE_PAGE_SIZE", "50"))

# Co-design sessions (consultations.codesign). Reminders go to people with a confirmed
# place this many hours before the session starts (once each; run the task or
# `send_codesign_reminders` hourly). Invitation links sent to addresses without an
# account work for this many days.
CODESIGN_REMINDER_HOURS = int(env("CODESIGN_REMINDER_HOURS", "24"))
CODESIGN_INVITATION_LINK_MAX_AGE_DAYS = int(env("CODESIGN_INVITATION_LINK_MAX_AGE_DAYS", "60"))

# Co-authored briefs (consultations.briefs). A live document update larger than
# BRIEF_MAX_UPDATE_BYTES is refused (the document stays as it was); revisions are saved
# automatically every BRIEF_SNAPSHOT_MINUTES of editing; the update log is folded into
# the stored document every BRIEF_COMPACT_EVERY updates and when the last editor leaves.
BRIEF_MAX_UPDATE_BYTES = int(env("BRIEF_MAX_UPDATE_BYTES", str(256 * 1024)))
BRIEF_SNAPSHOT_MINUTES = int(env("BRIEF_SNAPSHOT_MINUTES", "5"))
BRIEF_COMPACT_EVERY = int(env("BRIEF_COMPACT_EVERY", "500"))
# Each connection's right to edit is asked of `rules` again when invitations, RSVPs or
# roles change, and at least this often.
BRIEF_PERMISSION_RECHECK_SECONDS = float(env("BRIEF_PERMISSION_RECHECK_SECONDS", "2"))

# Following and notifications (consultations.following). Followers hear once when a
# consultation closes within CLOSING_SOON_DAYS days (the daily task); commenting follows
# the consultation unless FOLLOWING_FOLLOW_ON_COMMENT is off (people can also turn it
# off for themselves in their notification settings).
CLOSING_SOON_DAYS = int(env("CLOSING_SOON_DAYS", "3"))
FOLLOWING_FOLLOW_ON_COMMENT = env_bool("FOLLOWING_FOLLOW_ON_COMMENT", "1")

# The agreed glossary (engage/policy/glossary): the share of partner organisations whose
# endorsement agrees a term, as a fraction ("2/3") or a decimal ("0.75").
GLOSSARY_AGREEMENT_SHARE = env("GLOSSARY_AGREEMENT_SHARE", "2/3")

# A consultation cannot be published without its cohesion and polarisation section
# (consultations/cohesion); 0 lets staff publish without one.
COHESION_SECTION_REQUIRED = env_bool("COHESION_SECTION_REQUIRED", True)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefsConfig(AppConfig):
    name = "consultations.briefs"
    label = "briefs"
    verbose_name = _("Co-authored briefs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import contributions, privacy, signals

        privacy.register()
        contributions.register()

        for label in ("codesign.Invitation", "codesign.Rsvp"):
            for signal in (post_save, post_delete):
                signal.connect(
                    signals.session_rights_changed,
                    sender=label,
                    dispatch_uid=f"briefs-rights-{label}-{signal is post_save}",
                )
        for label in ("accounts.CommunityLeadership", get_user_model()):
            for signal in (post_save, post_delete):
                signal.connect(
                    signals.roles_changed,
                    sender=label,
                    dispatch_uid=f"briefs-roles-{label}-{signal is post_save}",
                )
        m2m_changed.connect(
            signals.roles_changed,
            sender=get_user_model().groups.through,
            dispatch_uid="briefs-roles-groups",
        )
        from . import insights  # noqa: F401 - registers brief comments for text analysis

"""What opinion maps hold about a person (`engage.accounts.privacy.registry`): the
statements they wrote and their votes, for "download my data" and account deletion.

Deleting an account detaches its votes from it (the participant stays as an anonymous
voter, as imported Pol.is voters are, so a published map does not change); its
statements go too unless the person chose to leave their contributions, in which case
they stay without an author.
"""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import registry

from .models import Participant, Statement, Vote


def erase(user, keep_content):
    statements = Statement.objects.filter(author=user)
    if keep_content:
        statements.update(author=None)
    else:
        statements.delete()
    Participant.objects.filter(user=user).update(user=None)


def register():
    registry.register_section(
        "opinion_maps",
        _("Opinion maps: your statements and votes"),
        order=45,
        tables=[
            registry.Table(
                "opinion_statements", lambda user: Statement.objects.filter(author=user)
            ),
            registry.Table(
                "opinion_maps_joined",
                lambda user: Participant.objects.filter(user=user),
                fields=("map", "created"),
            ),
            registry.Table(
                "opinion_votes",
                lambda user: Vote.objects.filter(participant__user=user),
                fields=("statement", "value", "voted_at"),
            ),
        ],
        erase=erase,
    )

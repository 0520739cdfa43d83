"""factory_boy factories shared by the whole suite, one module per app.

Import from here (`from tests.factories import UserFactory`); every factory and builder
of the modules below is re-exported.
"""

from tests.factories.accounts import (
    PASSWORD,
    CommunityLeadershipFactory,
    UserFactory,
    city_staff,
    leader,
    moderator,
    with_totp,
)
from tests.factories.codesign import CoDesignSessionFactory, InvitationFactory, RsvpFactory
from tests.factories.communities import (
    AreaFactory,
    BaselineShareFactory,
    CategoryFactory,
    DeclarationConsentFactory,
    DeclarationFactory,
    DimensionFactory,
    ParticipationFactory,
    community_group,
    dimension_with_groups,
)
from tests.factories.consultations import (
    ConsultationPageFactory,
    ProposalFactory,
    build_consultation,
)
from tests.factories.engagement import (
    ReactionFactory,
    SurveyFactory,
    SurveyOptionFactory,
    SurveyQuestionFactory,
)
from tests.factories.following import (
    FollowFactory,
    NotificationFactory,
    NotificationPreferenceFactory,
)
from tests.factories.forums import ForumIndexPageFactory, ForumPageFactory
from tests.factories.moderation import ModerationActionFactory, ReportFactory
from tests.factories.pages import PageFactory, StandardPageFactory
from tests.factories.policy import (
    ExportRecordFactory,
    PartnerGrantFactory,
    PartnerMembershipFactory,
    PartnerOrganisationFactory,
    partner_member,
)

__all__ = [
    "PASSWORD",
    "AreaFactory",
    "BaselineShareFactory",
    "CategoryFactory",
    "CoDesignSessionFactory",
    "CommunityLeadershipFactory",
    "ConsultationPageFactory",
    "DeclarationConsentFactory",
    "DeclarationFactory",
    "DimensionFactory",
    "ExportRecordFactory",
    "FollowFactory",
    "ForumIndexPageFactory",
    "ForumPageFactory",
    "InvitationFactory",
    "ModerationActionFactory",
    "NotificationFactory",
    "NotificationPreferenceFactory",
    "PageFactory",
    "ParticipationFactory",
    "PartnerGrantFactory",
    "PartnerMembershipFactory",
    "PartnerOrganisationFactory",
    "ProposalFactory",
    "ReactionFactory",
    "ReportFactory",
    "RsvpFactory",
    "StandardPageFactory",
    "SurveyFactory",
    "SurveyOptionFactory",
    "SurveyQuestionFactory",
    "UserFactory",
    "build_consultation",
    "city_staff",
    "community_group",
    "dimension_with_groups",
    "leader",
    "moderator",
    "partner_member",
    "with_totp",
]

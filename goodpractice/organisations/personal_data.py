"""Personal data of accounts (see goodpractice/privacy/registry.py)."""

from django.utils.translation import gettext_lazy as _

from goodpractice.privacy import registry
from goodpractice.privacy.registry import Erasure, PersonalData
from goodpractice.privacy.services import with_full_name

from . import privacy

registry.register(
    PersonalData(
        "organisations.AccountRequest",
        fields=("name", "email", "reason", "decision_message"),
        purpose=_("To decide on an account and send the link to set a password."),
        visible_to=_("Editors; an invitation also to the organisation admin who sent it."),
        retention=_(
            "Deleted ACCOUNT_REQUEST_RETENTION_DAYS days after it was approved or declined "
            "(purge_personal_data); pending requests are kept."
        ),
        legal_basis=registry.LEGITIMATE_INTEREST,
        recipients=registry.NO_RECIPIENTS,
        erasure=Erasure.DELETE,
        email_lookup="email",
        name_lookups=("name",),
        purge=privacy.purge_account_requests,
    )
)
registry.register(
    PersonalData(
        "auth.User",
        fields=("username", "first_name", "last_name", "email"),
        purpose=_(
            "Signing in, e-mail notifications and showing who wrote, reviewed or scored what."
        ),
        visible_to=_(
            "Superusers (Users); organisation admins see their organisation's members; "
            "editors see authors in page histories."
        ),
        retention=_(
            "While the account is in use. An account whose set-password link was never "
            "used is deleted ACCOUNT_REQUEST_RETENTION_DAYS days after the link expired "
            "(purge_personal_data)."
        ),
        legal_basis=registry.LEGITIMATE_INTEREST,
        recipients=registry.NO_RECIPIENTS,
        erasure=Erasure.ANONYMISE,
        user_lookup="pk",
        queryset=with_full_name,
        describe=lambda user: user.get_username(),
        erase=privacy.anonymise_user,
        purge=privacy.purge_unused_accounts,
    )
)
registry.register(
    PersonalData(
        "wagtailusers.UserProfile",
        fields=("avatar",),
        purpose=_("The picture the user chose for the admin."),
        visible_to=_("Users of the admin."),
        retention=_("While the account is in use."),
        legal_basis=registry.CONSENT,
        recipients=_("No one outside the site's users."),
        erasure=Erasure.BLANK,
        user_lookup="user",
        describe=lambda profile: profile.user.get_username(),
    )
)

registry.declare_not_personal(
    "organisations.Organisation", ["name_fi", "name_sv", "name_en"], "an organisation's name"
)

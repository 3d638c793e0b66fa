"""The prize's personal data (see goodpractice/privacy/registry.py)."""

from django.utils.translation import gettext_lazy as _

from goodpractice.privacy import registry
from goodpractice.privacy.registry import Erasure, PersonalData

from . import privacy

SECRETARIAT = _("The secretariat (prize admin); never published or in the open data.")
JURY_RECORD = _(
    "Kept with the round's record of the jury's work; erasing the juror's account leaves "
    "it without their name."
)

registry.register(
    PersonalData(
        "awards.Nomination",
        fields=privacy.CONTACT_FIELDS,
        purpose=_("To confirm the nomination and ask the nominator about it."),
        visible_to=SECRETARIAT,
        retention=_(
            "Emptied AWARDS_CONTACT_RETENTION_DAYS days after the round's announcement "
            "(purge_personal_data)."
        ),
        legal_basis=registry.LEGITIMATE_INTEREST,
        recipients=registry.NO_RECIPIENTS,
        erasure=Erasure.BLANK,
        email_lookup="nominator_email",
        name_lookups=("nominator_name",),
        erase=privacy.erase_nominator_contact,
        purge=privacy.purge_for_retention,
    )
)
registry.register(
    PersonalData(
        "awards.Score",
        fields=("comment",),
        purpose=_("The juror's reasoning for their score."),
        visible_to=_("The juror; the chair and the secretariat once the juror has submitted."),
        retention=JURY_RECORD,
        legal_basis=registry.LEGITIMATE_INTEREST,
        recipients=_("No one outside the jury and the prize secretariat."),
        erasure=Erasure.KEEP,
        user_lookup="jury_member__user",
    )
)
registry.register(
    PersonalData(
        "awards.Conflict",
        fields=("reason",),
        purpose=_("Why the juror does not score a nomination."),
        visible_to=_("The juror, the chair and the secretariat."),
        retention=JURY_RECORD,
        legal_basis=registry.LEGITIMATE_INTEREST,
        recipients=_("No one outside the jury and the prize secretariat."),
        erasure=Erasure.KEEP,
        user_lookup="jury_member__user",
    )
)

registry.declare_not_personal(
    "awards.Nomination",
    ["contacts_removed_at"],
    "the time the nominator's contact details were removed",
)
registry.declare_not_personal("awards.Round", ["name_fi", "name_sv", "name_en"], "a round's name")
registry.declare_not_personal(
    "awards.Criterion", ["name_fi", "name_sv", "name_en"], "a criterion's name"
)
registry.declare_not_personal(
    "awards.NominationAttachment",
    ["original_name"],
    "the name of a file describing the achievement, seen only by the secretariat and jury",
)

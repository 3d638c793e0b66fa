"""The knowledge base's personal data (see goodpractice/privacy/registry.py)."""

from django.utils.translation import gettext_lazy as _

from goodpractice.privacy import registry
from goodpractice.privacy.registry import Erasure, PersonalData

from . import privacy

registry.register(
    PersonalData(
        "practices.PracticePage",
        fields=privacy.CONTACT_FIELDS,
        purpose=_("So that other organisations can ask about the practice."),
        visible_to=_(
            "Everyone sees the contact's name and title on the published page (a work "
            "contact); signed-in users also the e-mail address and phone number; in the "
            "admin the practice's organisations and the editors. Never in the API, feeds "
            "or search index."
        ),
        retention=_(
            "While the practice is described; removed with the page or on request "
            "(also from its earlier versions)."
        ),
        legal_basis=registry.LEGITIMATE_INTEREST,
        recipients=_(
            "The public: the name and title are published with the practice as its work contact."
        ),
        erasure=Erasure.BLANK,
        email_lookup="contact_email",
        name_lookups=("contact_name",),
        # Aliases in the other language sites repeat the original's fields.
        queryset=lambda pages: pages.filter(alias_of__isnull=True),
        describe=lambda page: page.get_admin_display_title(),
        erase=privacy.erase_contact,
    )
)

registry.register(
    PersonalData(
        "practices.Adoption",
        fields=("contact_name", "contact_email", "contact_phone"),
        purpose=_("So that the practice's authors can ask the adopters how it went."),
        visible_to=_(
            "Members of the adopted practice's organisations and the editors. Never on "
            "public pages, in the API, feeds or search index."
        ),
        retention=_("While the adoption is recorded; removed with it or on request."),
        legal_basis=registry.LEGITIMATE_INTEREST,
        recipients=_("No one outside the practice's organisations and the editors."),
        erasure=Erasure.BLANK,
        email_lookup="contact_email",
        name_lookups=("contact_name",),
        describe=lambda adoption: f"{adoption.organisation}: {adoption.practice}",
    )
)

for model in ("Theme", "TargetGroup", "EvidenceLevel"):
    registry.declare_not_personal(
        f"practices.{model}", ["name_fi", "name_sv", "name_en"], "a taxonomy term"
    )

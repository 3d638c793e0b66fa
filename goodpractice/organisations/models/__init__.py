from .accounts import AccountRequest, Membership, Role
from .organisation import HELSINKI_CODE, Organisation, OrganisationQuerySet, region_code

__all__ = [
    "HELSINKI_CODE",
    "AccountRequest",
    "Membership",
    "Organisation",
    "OrganisationQuerySet",
    "Role",
    "region_code",
]

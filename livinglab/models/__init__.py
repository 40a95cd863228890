"""All tables; importing this module registers every model on the metadata."""

from livinglab.models.accounts import ApiToken, LoginFailure, User
from livinglab.models.audit import AuditEvent
from livinglab.models.regions import Agency, Region

__all__ = ["Agency", "ApiToken", "AuditEvent", "LoginFailure", "Region", "User"]

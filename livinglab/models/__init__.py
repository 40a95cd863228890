"""All tables; importing this module registers every model on the metadata."""

from livinglab.models.accounts import ApiToken, LoginFailure, LoginSession, User
from livinglab.models.audit import AuditEvent
from livinglab.models.catalogue import (
    Aspect,
    Domain,
    Framework,
    LevelDefinition,
    Practice,
    PracticeSupport,
    PredicateBand,
)
from livinglab.models.commitments import Commitment, SigningEvent, StudyVisit
from livinglab.models.evaluations import Evaluation, EvaluationLevel
from livinglab.models.inbox import InboxItem
from livinglab.models.innovations import (
    Innovation,
    OutcomeMeasure,
    OutcomeReport,
    Replication,
    ReplicationParty,
    ReplicationStage,
    StageEvidence,
    StageUpdate,
)
from livinglab.models.library import Document, Opd
from livinglab.models.milestones import Evidence, Milestone, MilestoneUpdate
from livinglab.models.notifications import Contact, EscalationLetter, Notification, SentReport
from livinglab.models.operations import SchedulerHeartbeat
from livinglab.models.packages import PracticePackage
from livinglab.models.regions import Agency, Region
from livinglab.models.replanning import ExtensionRequest
from livinglab.models.sectors import RegionSector
from livinglab.models.summaries import CommitmentSummary
from livinglab.models.uploads import Upload

__all__ = [
    "Agency",
    "ApiToken",
    "Aspect",
    "AuditEvent",
    "Commitment",
    "CommitmentSummary",
    "Contact",
    "Document",
    "Domain",
    "EscalationLetter",
    "Evaluation",
    "EvaluationLevel",
    "Evidence",
    "ExtensionRequest",
    "Framework",
    "InboxItem",
    "Innovation",
    "LevelDefinition",
    "LoginFailure",
    "LoginSession",
    "Milestone",
    "MilestoneUpdate",
    "Notification",
    "Opd",
    "OutcomeMeasure",
    "OutcomeReport",
    "Practice",
    "PracticePackage",
    "PracticeSupport",
    "PredicateBand",
    "Region",
    "RegionSector",
    "Replication",
    "ReplicationParty",
    "ReplicationStage",
    "SchedulerHeartbeat",
    "SentReport",
    "SigningEvent",
    "StageEvidence",
    "StageUpdate",
    "StudyVisit",
    "Upload",
    "User",
]

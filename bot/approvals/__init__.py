"""Hold, decide, time out, release — exactly once."""

from bot.approvals.eligibility import UsergroupResolver
from bot.approvals.service import ApprovalService
from bot.approvals.view import Outcome, RequestEvent, RequestView, VoteView

__all__ = [
    "ApprovalService",
    "Outcome",
    "RequestEvent",
    "RequestView",
    "UsergroupResolver",
    "VoteView",
]

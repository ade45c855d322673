from .feedback import Feedback, FeedbackEvent, FeedbackRules, FeedbackVote
from .ratings import CriteriaSet, Criterion, Rating, RatingAnswer

__all__ = [
    "CriteriaSet",
    "Criterion",
    "Feedback",
    "FeedbackEvent",
    "FeedbackRules",
    "FeedbackVote",
    "Rating",
    "RatingAnswer",
]

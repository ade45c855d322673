from .feedback import Feedback, FeedbackEvent, FeedbackRules, FeedbackVote
from .ratings import CriteriaSet, Criterion, Rating, RatingAnswer
from .surveys import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse

__all__ = [
    "CriteriaSet",
    "Criterion",
    "Feedback",
    "FeedbackEvent",
    "FeedbackRules",
    "FeedbackVote",
    "Rating",
    "RatingAnswer",
    "Survey",
    "SurveyAnswer",
    "SurveyInvitation",
    "SurveyQuestion",
    "SurveyResponse",
]

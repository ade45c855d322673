"""Administration: criteria sets and handling limits are configuration; ratings and feedback
are read here and changed only through the services (the back-office pages)."""

from django.contrib import admin

from motcua.siteadmin.readable import ReadableJSONMixin

from .models import (
    CriteriaSet,
    Criterion,
    Feedback,
    FeedbackEvent,
    FeedbackRules,
    Rating,
    Survey,
    SurveyQuestion,
    SurveyResponse,
)


class CriterionInline(ReadableJSONMixin, admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "agency", "scale", "valid_from", "valid_to"]
    inlines = [CriterionInline]


@admin.register(FeedbackRules)
class FeedbackRulesAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "valid_from",
        "valid_to",
        "refuse_days",
        "supplement_days",
        "answer_days",
        "publish_days",
    ]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ["dossier", "level", "points", "channel", "rated_at"]
    list_filter = ["level", "channel"]


class FeedbackEventInline(ReadableJSONMixin, admin.TabularInline):
    model = FeedbackEvent
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ["code", "classification", "status", "agency", "received_at", "answer_due_at"]
    list_filter = ["status", "classification"]
    search_fields = ["code", "title"]
    inlines = [FeedbackEventInline]


class SurveyQuestionInline(ReadableJSONMixin, admin.TabularInline):
    model = SurveyQuestion
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    """Campaigns are run by managers in the back office (docs/surveys.md); read here."""

    list_display = ["code", "title", "agency", "starts_on", "ends_on", "closed_at"]
    search_fields = ["code", "title"]
    inlines = [SurveyQuestionInline]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ReadOnlyAdmin):
    list_display = ["survey", "unit", "channel", "dossier", "answered_at"]
    list_filter = ["channel"]

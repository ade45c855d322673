from django.urls import include, path

from .views import office, portal, public, tracking

app_name = "feedback"

urlpatterns = [
    # Public
    path("", public.published, name="published"),
    path("answers/<str:code>/", public.answer_detail, name="answer_detail"),
    path("answers/<str:code>/vote/", public.vote, name="vote"),
    path("submit/", public.submit, name="submit"),
    path("track/", tracking.track_lookup, name="track_lookup"),
    path("track/<str:code>/<str:token>/", tracking.track, name="track"),
    # The citizen's own
    path("mine/", portal.mine, name="mine"),
    path("mine/<str:code>/", portal.my_detail, name="my_detail"),
    path("mine/<str:code>/supplement/", portal.my_supplement, name="my_supplement"),
    path("rate/<str:code>/", portal.rate, name="rate"),
    # Citizen surveys (khảo sát): their own namespace, feedback:surveys:*
    path("surveys/", include("motcua.feedback.surveys.urls")),
    # Back office
    path("office/", office.queue, name="queue"),
    path("office/rate/<str:code>/", office.rate_on_behalf, name="rate_on_behalf"),
    path("office/<str:code>/", office.detail, name="office_detail"),
    path("office/<str:code>/<slug:action>/", office.act, name="act"),
]

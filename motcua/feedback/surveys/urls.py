from django.urls import path

from . import views_office, views_public

app_name = "surveys"

urlpatterns = [
    # Citizens: their own dossier with a result, an SMS link, the counter's page.
    path("<slug:code>/dossier/<str:dossier_code>/", views_public.by_dossier, name="dossier"),
    path("<slug:code>/sms/<str:token>/", views_public.by_sms, name="sms"),
    path("<slug:code>/counter/<str:unit_code>/", views_public.at_counter, name="counter"),
    path("<slug:code>/thanks/", views_public.thanks, name="thanks"),
    path("<slug:code>/counter-thanks/", views_public.counter_thanks, name="counter_thanks"),
    # Managers
    path("office/", views_office.index, name="index"),
    path("office/new/", views_office.create, name="create"),
    path("office/<slug:code>/", views_office.results_page, name="results"),
    path("office/<slug:code>/edit/", views_office.edit, name="edit"),
    path("office/<slug:code>/close/", views_office.close, name="close"),
    path("office/<slug:code>/invite/", views_office.invite, name="invite"),
    path("office/<slug:code>/export.<str:fmt>", views_office.export, name="export"),
]

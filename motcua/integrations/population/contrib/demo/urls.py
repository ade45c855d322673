from django.urls import path

from . import protocol, twin

urlpatterns = [path(protocol.LOOKUP_PATH, twin.lookup, name="population_demo_lookup")]

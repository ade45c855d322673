"""URLs of the national-systems integrations (demo twins and callbacks)."""

app_name = "integrations"
urlpatterns: list = []

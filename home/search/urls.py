"""URLs of the public search, mounted at `/<lang>/search/`."""

app_name = "home_search"
urlpatterns = []

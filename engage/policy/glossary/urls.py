"""URLs of the glossary pages, under /<lang>/glossary/ (engage/urls.py)."""

from django.urls import path

from . import views

app_name = "glossary"

urlpatterns = [
    path("", views.index, name="index"),
    path("review/", views.review_list, name="review_list"),
    path("<slug:term_slug>/", views.term_detail, name="term"),
    path("<slug:term_slug>/revisions/", views.revisions, name="revisions"),
    path("<slug:term_slug>/review/", views.review, name="review"),
    path("<slug:term_slug>/status/<slug:transition>/", views.transition, name="transition"),
]

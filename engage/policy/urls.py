"""The agreements pages, mounted at /<lang>/agreements/ (see `engage.policy.views`)."""

from django.urls import path

from .views import agreements, audit, requests

app_name = "agreements"

urlpatterns = [
    path("", agreements.my_agreements, name="mine"),
    path("<int:pk>/", agreements.agreement_detail, name="detail"),
    path("<int:pk>/sign/", agreements.sign, name="sign"),
    path("<int:pk>/withdraw/", agreements.withdraw_signature, name="withdraw"),
    path("<int:pk>/submit/", agreements.submit, name="submit"),
    path("<int:pk>/terminate/", agreements.terminate, name="terminate"),
    path("<int:pk>/audit/", audit.audit_report, name="audit"),
    path("<int:pk>/audit.csv", audit.audit_csv, name="audit_csv"),
    path("requests/", requests.request_list, name="requests"),
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/decide/", requests.request_decide, name="request_decide"),
    path("requests/<int:pk>/answer.csv", requests.request_download, name="request_download"),
]

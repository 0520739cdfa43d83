"""Wagtail: the site name, admin, search, documents and user forms."""

from .environment import env

# The site's public address (scheme, host and port, no trailing slash): every absolute
# link built outside a request (emails, tasks, commands) starts with it, through
# `engage.links.absolute_url`. Development defaults to the address `make demo` serves
# (http://127.0.0.1:$PORT); production requires it or derives it (production.py).
BASE_URL = env("BASE_URL", "http://127.0.0.1:" + env("PORT", "8000")).rstrip("/")

# Wagtail
WAGTAIL_SITE_NAME = "Engage"
# Links in Wagtail's own emails and the admin's "view live" outside a request.
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_USER_EDIT_FORM = "engage.accounts.forms.AdminUserEditForm"
WAGTAIL_USER_CREATION_FORM = "engage.accounts.forms.AdminUserCreationForm"
WAGTAIL_USER_CUSTOM_FIELDS = ["display_name"]
# Everyone signs in through allauth (email verification, two-factor); the admin's own
# log-in form is not used (engage.accounts.middleware sends it there too).
WAGTAILADMIN_LOGIN_URL = "account_login"

# The dashboard's update check would call releases.wagtail.org from every staff browser;
# upgrades are tracked through requirements.lock instead.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Gravatar would be a third-party image in the admin (and tell it who works there).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

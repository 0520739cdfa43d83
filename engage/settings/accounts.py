"""Accounts: the user model, authentication backends, django-allauth (email only,
verified; its rate limits) and two-factor authentication."""

AUTH_USER_MODEL = "accounts.User"
# ModelBackend first: Wagtail's test helpers log in through the first backend.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "rules.permissions.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: email only, verified before taking part.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "engage.accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "engage.accounts.adapter.AccountAdapter"
# allauth's limits. A refusal renders 429.html (without a retry time). "login_failed"
# "key" counts per email address AND client address (engage/accounts/lockout.py), so
# guessing from one address never locks the owner out elsewhere; the per-address
# ceiling on failures is ENGAGE_RATE_LIMITS["login_failed"], which spares addresses the
# account has signed in from before. "login" (every sign-in form post) is a flood guard per address, set
# high so that a library or a mobile network sharing one address never meets it.
ACCOUNT_RATE_LIMITS = {
    "login": "300/m/ip",
    "login_failed": "5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Engage"
# Accounts that may moderate or export without TOTP. Only dev settings fill this.
ENGAGE_MFA_EXEMPT_EMAILS: list[str] = []
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Engage: "

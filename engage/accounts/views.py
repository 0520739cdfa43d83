"""Account settings: the public display name and the language emails go out in.

Email addresses, password and two-factor authentication are managed on allauth's own
pages, linked from the account settings page.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import UpdateView

from engage.accounts.forms import ProfileForm
from engage.accounts.rules import has_mfa, is_verified, needs_mfa_setup


class ProfileView(LoginRequiredMixin, UpdateView):
    """Edit your own display name and preferred language."""

    form_class = ProfileForm
    template_name = "account/profile.html"
    success_url = reverse_lazy("account_profile")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            is_verified=is_verified(user),
            has_mfa=has_mfa(user),
            needs_mfa_setup=needs_mfa_setup(user),
        )
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your account settings have been saved."))
        return response

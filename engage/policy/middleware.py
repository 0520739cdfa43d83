"""Records every successful request in which a partner's access rested on a grant of
an information-sharing agreement (see `engage.policy.access_log`).

Add after `AuthenticationMiddleware` in `MIDDLEWARE`:
`"engage.policy.middleware.AgreementAccessMiddleware"`.
"""

from .access_log import collecting, record_accesses


class AgreementAccessMiddleware:
    """Opens the request's list of grant uses and writes the accesses after a
    successful answer (one query when nothing was noted: none)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with collecting() as notes:
            response = self.get_response(request)
            if notes:
                record_accesses(request, response, notes)
        return response

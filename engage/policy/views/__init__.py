"""The agreements pages at /<lang>/agreements/ (URLconf `engage.policy.urls`):

- `agreements`: "What I can see and why" (partners), an agreement's page, signing,
  withdrawing a signature, sending for signature and terminating;
- `audit`: the audit report of an agreement and its CSV (staff);
- `requests`: information requests (partners ask, staff decide, partners download).

Every decision is a rule of `engage.policy.rules`; every write a service.
"""

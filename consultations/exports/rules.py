"""Who may see a consultation's "what we heard" summary, export it, and download a
background export. Built on the roles in `engage.accounts.rules`, with the consultation's
scope (`consultation:<id>`), so partner organisations' data-sharing grants apply:

- view summary: city staff, or a partner whose grant (view reports or export) covers it;
- export: city staff or a partner with an export grant covering it, with two-factor
  authentication set up ("accounts.export");
- download a background export: only the person who asked for it, while they may still
  export that consultation.

Ask with `rules.test_rule("exports.view_summary", user, consultation)`.
"""

import rules


def scope_of(consultation):
    """The scope text of a consultation (a page or its id)."""
    return f"consultation:{getattr(consultation, 'pk', consultation)}"


@rules.predicate
def may_view_reports_on(user, consultation):
    return consultation is not None and rules.test_rule(
        "accounts.view_reports", user, scope_of(consultation)
    )


@rules.predicate
def may_export(user, consultation):
    return consultation is not None and rules.test_rule(
        "accounts.export", user, scope_of(consultation)
    )


@rules.predicate
def is_requester(user, job):
    return job is not None and user.is_authenticated and job.requester_id == user.pk


@rules.predicate
def may_still_export_job(user, job):
    return job is not None and may_export(user, job.consultation_id)


can_view_summary = may_view_reports_on
can_export = may_export
can_download = is_requester & may_still_export_job

rules.add_rule("exports.view_summary", can_view_summary)
rules.add_rule("exports.export", can_export)
rules.add_rule("exports.download", can_download)

"""Who may do what with cohesion sections.

- Editing a section (the admin viewset, the "start a section" link): city staff.
- The city-wide report: whoever may read reports of the `city` scope (city staff with
  TOTP, partner members whose organisation holds a city-wide grant), as
  `accounts.view_reports` decides; its CSV: whoever may export the `city` scope.
- Reading a section in plain words on a consultation page: everyone who sees the page.
"""

import rules

from engage.accounts.rules import can_export, can_view_reports, is_city_staff

CITY = "city"
EDIT_SECTION = "consultations_cohesion.edit_section"
VIEW_REPORT = "consultations_cohesion.view_report"
EXPORT_REPORT = "consultations_cohesion.export_report"


@rules.predicate
def may_view_city_reports(user):
    return can_view_reports(user, CITY)


@rules.predicate
def may_export_city(user):
    return can_export(user, CITY)


for _name, _predicate in {
    EDIT_SECTION: is_city_staff,
    VIEW_REPORT: may_view_city_reports,
    EXPORT_REPORT: may_export_city,
}.items():
    rules.add_rule(_name, _predicate)
    rules.add_perm(_name, _predicate)

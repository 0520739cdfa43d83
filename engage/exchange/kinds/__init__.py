"""The kinds of exchange item this app owns ("aggregates", "impact_templates"),
registered in `ExchangeConfig.ready()`; the glossary and the discussion guides are
registered by their own apps."""


def register_own_kinds():
    from ..registry import register_kind
    from .aggregates import AGGREGATES
    from .impact_templates import IMPACT_TEMPLATES

    register_kind(AGGREGATES)
    register_kind(IMPACT_TEMPLATES)

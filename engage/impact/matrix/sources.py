"""Where the matrix reads residents' perceived impact in bulk.

The matrix is built with a constant number of queries, so it cannot resolve each
assessment's subject (`engage.impact.subjects`) one by one. A feature that can answer
for many subjects at once registers a batch provider here from its `ready()`:

    register_perceived_batch(kind, provider)
    provider(keys, dimension_ids) -> {(key, category_id): (mean, respondents)}

`keys` are the texts after "<kind>:" of the assessments' subject scopes; `mean` is the
published mean perceived impact (−2…+2) of people in that community group, None when
it is withheld; `respondents` how many people it stands on. A group without an entry
has no perceived impact (missing, not zero). Without a provider for a kind, the
perceived impact of its subjects is missing in the matrix.
"""

from collections.abc import Callable

_BATCH: dict[str, Callable] = {}


def register_perceived_batch(kind, provider):
    """Register (or replace, for tests) the batch provider of `kind` subjects."""
    _BATCH[kind] = provider


def unregister_perceived_batch(kind):
    _BATCH.pop(kind, None)


def perceived_batch(kind):
    return _BATCH.get(kind)


def perceived_kinds():
    return sorted(_BATCH)

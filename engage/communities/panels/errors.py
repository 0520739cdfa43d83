"""Why a panel could not be drawn: errors carrying translatable explanations."""


class Explanation:
    """A translatable sentence with its values, rendered in the language active when read.

    Kept lazy so an error raised in one place (a task, a command) reads correctly in the
    language of whoever sees it.
    """

    def __init__(self, template, **params):
        self.template = template
        self.params = params

    def __str__(self):
        return str(self.template % self.params)

    def __repr__(self):
        return f"Explanation({str(self)!r})"


class PanelError(Exception):
    """A panel could not be drawn. `explanations` says why, one sentence per problem."""

    def __init__(self, explanations):
        self.explanations = list(explanations)
        super().__init__(self.explanations)

    @property
    def messages(self):
        return [str(explanation) for explanation in self.explanations]

    def __str__(self):
        return "\n".join(self.messages)


class PanelInputError(PanelError):
    """The pool, the quotas, the size or the seed are malformed."""


class ImpossibleQuotasError(PanelError):
    """No panel of the requested size from this pool meets every quota."""


class SolverUnavailableError(PanelError):
    """The requested algorithm needs a solver that is not installed."""


class SelectionFailedError(PanelError):
    """The algorithm ran but did not produce a panel (the legacy method can give up)."""

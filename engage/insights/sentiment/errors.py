"""Exceptions of the sentiment backends."""


class SentimentUnavailable(Exception):
    """A backend that should have scored the text could not, for now (a transient failure).

    Raised by the city-run model server backend on a timeout, a refused connection, an
    error status or an answer that is not a valid score. It is not "not scored": the
    pipeline records the attempt as failed (``analysed_at`` None) so that the next
    ``analyse_texts`` run tries again, while ``score_text`` prints null and logs.
    """

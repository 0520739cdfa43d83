"""The PostgreSQL connection pool, shared by the production settings and the test
settings of child servers that stand in for production (tests/benchmarks)."""


def use_pool(database, middleware, *, min_size, max_size, timeout):
    """Give `database` (a DATABASES entry) a psycopg_pool of at most `max_size`
    connections, and return `middleware` with engage.dbpool.DatabaseBusyMiddleware just
    before the first middleware that may use the database, so that a request finding
    every connection in use for `timeout` seconds answers 503 "busy, try again" dressed
    by the middleware outside it (security headers, CSP)."""
    database["CONN_MAX_AGE"] = 0  # pooled connections are reused already
    database.setdefault("OPTIONS", {})["pool"] = {
        "min_size": min_size,
        "max_size": max_size,
        "timeout": timeout,
        "name": "engage",
    }
    middleware = list(middleware)
    middleware.insert(
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "engage.dbpool.DatabaseBusyMiddleware",
    )
    return middleware

#!/usr/bin/env bash
# Start Engage's production topology on this machine: nginx (Debian's package, installed
# when missing and run as root) in front of two daphne workers, the django-tasks database
# worker, on the PostgreSQL and Redis at DATABASE_URL and REDIS_URL.
# Options: --workers N, --port P, --seed, --no-migrate, --no-collectstatic, --folder DIR.
# Ctrl-C stops every process it started. See deploy/topology.py and docs/deployment.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    make install
fi
exec .venv/bin/python deploy/topology.py "$@"

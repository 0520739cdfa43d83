"""Settings of community monitoring (docs/monitoring.md). Hate incident reports:

- INCIDENT_ENCRYPTION_KEY: Fernet key(s) for the free text and contact details of
  incident reports, comma-separated (the first encrypts; all decrypt, for rotation).
  Production must set it (`python -c "from cryptography.fernet import Fernet;
  print(Fernet.generate_key().decode())"`); dev and test derive a key from SECRET_KEY.
- INCIDENT_RETENTION_DAYS: reports older than this are deleted (default 730, two years).
"""

from .environment import env

INCIDENT_ENCRYPTION_KEY = env("INCIDENT_ENCRYPTION_KEY", "")
INCIDENT_RETENTION_DAYS = int(env("INCIDENT_RETENTION_DAYS", "730"))

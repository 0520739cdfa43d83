"""People's rights over their data (UK GDPR): "download my data", "delete my account",
retention and the privacy page.

The accounts app never imports a feature. Each app that holds personal data registers
what it holds in its `AppConfig.ready()` through `registry`:

- `registry.register_section(...)`: what goes into a person's download, and what happens
  to their rows when the account is deleted;
- `registry.register_retention(...)`: how long a table's rows are kept, and the job that
  deletes or anonymises older ones (run daily by `tasks.enforce_retention_task`).

`exports` builds the download, `deletion` carries out deletions, `retention` runs the
retention rules; `views` is the HTTP edge under /<lang>/accounts/privacy/ and /<lang>/privacy/.
"""

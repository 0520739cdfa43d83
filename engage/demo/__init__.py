"""The demo city as data: YAML files per app, read by small loaders.

`manage.py seed_demo` calls each app's `load_demo(data_dir, context)` in order (see
`engage/management/commands/seed_demo.py`); `data` reads and checks the files, `pages`
creates demo pages once. docs/demo.md explains how to extend or translate the data.
"""

from .data import DemoContext, DemoDataError, Node, read

__all__ = ["DemoContext", "DemoDataError", "Node", "read"]

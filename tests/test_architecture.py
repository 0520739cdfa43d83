"""The import graph keeps the layering of issue #12 (see `[tool.importlinter]` in
pyproject.toml, checked by `lint-imports` in `make lint`):

- no import cycle joins modules of two different apps (an import inside a function
  counts: grimp reads every import statement);
- a cycle inside one app is allowed only when listed in ALLOWED_CYCLES with its reason;
- shared apps (`engage.*`) import no feature app (consultations, forums, home): they
  learn about features through registries filled in `AppConfig.ready()`.
"""

import grimp
import pytest
from django.apps import apps

ROOTS = ("engage", "consultations", "forums", "home")
FEATURES = ("consultations", "forums", "home")
# Project-level modules of the `engage` package: they assemble the features.
PROJECT_LEVEL = ("engage.urls", "engage.api", "engage.asgi", "engage.wsgi", "engage.management")

# Cycles inside one app that are accepted, as frozensets of modules, with the reason.
# (Services that enqueue tasks send a signal after commit instead; the app's
# receivers.py enqueues the task, so services never import the tasks that call them.)
# (Briefs' rooms save through document_store and revisions, which import neither rooms
# nor services, so services may publish to rooms without a cycle.)
ALLOWED_CYCLES = {}


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*ROOTS, cache_dir=None)


def app_of(module):
    """The installed app (its module name) a module belongs to: the longest match."""
    names = [config.name for config in apps.get_app_configs()]
    owners = [name for name in names if module == name or module.startswith(f"{name}.")]
    return max(owners, key=len) if owners else module.split(".")[0]


def strongly_connected(graph):
    """The import cycles of the graph, as sets of modules (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    imported = graph.find_modules_directly_imported_by(child)
                    work.append((child, iter(sorted(imported))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def test_strongly_connected_finds_a_cycle():
    """The cycle finder itself: a two-module cycle is found, a chain is not."""
    graph = grimp.ImportGraph()
    for module in ("a", "a.b", "a.c", "a.d"):
        graph.add_module(module)
    graph.add_import(importer="a.b", imported="a.c")
    graph.add_import(importer="a.c", imported="a.b")
    graph.add_import(importer="a.c", imported="a.d")
    assert strongly_connected(graph) == [frozenset({"a.b", "a.c"})]


def test_no_import_cycle_between_apps(graph):
    across = {
        cycle: sorted({app_of(module) for module in cycle})
        for cycle in strongly_connected(graph)
        if len({app_of(module) for module in cycle}) > 1
    }
    assert across == {}, "Import cycles joining apps:\n" + "\n".join(
        f"{apps_}: {sorted(cycle)}" for cycle, apps_ in across.items()
    )


def test_cycles_inside_an_app_are_listed(graph):
    """A cycle inside one app is accepted only when listed, with its reason."""
    unlisted = [
        sorted(cycle)
        for cycle in strongly_connected(graph)
        if len({app_of(module) for module in cycle}) == 1 and cycle not in ALLOWED_CYCLES
    ]
    assert unlisted == [], f"Import cycles not in ALLOWED_CYCLES: {unlisted}"


def test_shared_apps_import_no_feature_app(graph):
    shared = [
        module
        for module in graph.find_descendants("engage")
        if not module.startswith(tuple(f"{p}." for p in PROJECT_LEVEL) + PROJECT_LEVEL)
    ]
    wrong = sorted(
        f"{importer} -> {imported}"
        for importer in shared
        for imported in graph.find_modules_directly_imported_by(importer)
        if imported.split(".")[0] in FEATURES
    )
    assert wrong == [], "Shared modules importing feature apps:\n" + "\n".join(wrong)

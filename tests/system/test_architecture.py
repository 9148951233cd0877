"""The tree shows the architecture: packages by domain, dependencies pointing one way, no import cycles."""

from __future__ import annotations

import ast
import importlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "companion"
DOMAINS = ("core", "llm", "retrieval", "knowledge", "reflection", "review", "rhythm", "accountability", "trust",
           "demo", "teams")
# What each package may import (besides itself): api/ui -> domains -> retrieval/llm -> core.
ALLOWED = {
    "core": set(),
    "models": set(),
    "llm": {"core"},
    "retrieval": {"core", "models"},
    "services": {"core", "llm", "retrieval"},
    "knowledge": {"core", "models", "llm", "retrieval"},
    "trust": {"core", "models", "llm", "retrieval", "services"},
    "reflection": {"core", "models", "llm", "retrieval", "services", "trust", "knowledge"},
    "review": {"core", "models", "llm", "retrieval", "services", "trust", "knowledge", "reflection"},
    "rhythm": {"core", "models", "llm", "retrieval", "services", "trust", "reflection"},
    "accountability": {"core", "models", "llm", "retrieval", "services", "trust", "reflection", "review",
                       "rhythm"},
    "teams": {"core", "models", "llm", "retrieval", "services", "trust", "knowledge", "reflection", "review",
              "accountability"},
    "registry": {"review", "accountability", "teams"},
    "ui": set(),
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(path: Path, name: str) -> list[tuple[str, list[str]]]:
    """(module, names) for every companion import in the file, TYPE_CHECKING blocks excluded."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for n in ast.walk(node)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([module] if module else []))
            if module.startswith("companion"):
                out.append((module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names if a.name.startswith("companion")]
    return out


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "companion"


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for module, names in _imports(path, name):
            targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in modules] or [module]
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def test_no_import_cycles():
    graph, seen, stack, cycles = _graph(), set(), [], []

    def visit(node: str) -> None:
        if node in stack:
            cycles.append(stack[stack.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            visit(nxt)
        stack.pop()

    for node in sorted(_modules()):
        visit(node)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_dependencies_point_one_way():
    wrong = []
    for name, path in _modules().items():
        source = _top(name)
        if source not in ALLOWED:
            continue  # api, cli, benchmarks, doctor: the outer layer may use every domain
        for module, _names in _imports(path, name):
            target = _top(module)
            if target != source and target not in ALLOWED[source]:
                wrong.append(f"{name} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_every_domain_has_a_docstring_and_a_public_face():
    for domain in (*DOMAINS, "models"):
        package = importlib.import_module(f"companion.{domain}")
        assert (package.__doc__ or "").strip() and "TODO" not in package.__doc__, domain
        assert package.__all__ and all(hasattr(package, n) for n in package.__all__), domain


def test_other_packages_use_only_what_a_domain_makes_public():
    faces = {d: set(importlib.import_module(f"companion.{d}").__all__) for d in (*DOMAINS, "models")}
    wrong = []
    for name, path in _modules().items():
        for module, names in _imports(path, name):
            target = _top(module)
            if target == _top(name) or target not in faces:
                continue
            inner = module.split(".")[2:]  # companion.<domain>.<module>...
            for n in names:
                public = n in faces[target] or (inner and inner[0] in faces[target])
                if not public:
                    wrong.append(f"{name} uses {module}.{n}")
    assert not wrong, "not in the package's __all__:\n" + "\n".join(sorted(set(wrong)))


def test_the_ui_is_a_pure_api_client():
    wrong = [f"{name} imports {module}" for name, path in _modules().items() if _top(name) == "ui"
             for module, _ in _imports(path, name) if _top(module) != "ui"]
    assert not wrong, "\n".join(wrong)

"""Measure the package's shape from its source: files and lines per subpackage, import edges between subpackages
(imports inside functions counted), cycles between modules, the largest module and the longest function.

Run: ``python tools/layers.py`` (or ``--json``). It reads files only (``ast``); it imports nothing from legpain.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "legpain"


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def group_of(module: str) -> str:
    """The subpackage a module belongs to (``legpain.checking.bank.set02`` -> ``checking``); top-level modules are
    their own group."""
    parts = module.split(".")
    if len(parts) == 1:
        return "(package)"
    if (PKG / parts[1]).is_dir():
        return parts[1]
    return parts[1] if len(parts) == 2 else parts[1]


def imports_of(path: Path, module: str, known: set[str]) -> list[tuple[str, bool, int]]:
    """(imported legpain module, inside a function?, line) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    base = module.split(".") if is_pkg else module.split(".")[:-1]
    found = []

    def resolve(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    def visit(node, in_function: bool):
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.split(".")[0] == "legpain":
                        target = resolve(alias.name)
                        if target:
                            found.append((target, in_function, child.lineno))
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    anchor = base[: len(base) - (child.level - 1)]
                    full = ".".join(anchor + ([child.module] if child.module else []))
                else:
                    full = child.module or ""
                if full.split(".")[0] != "legpain":
                    continue
                for alias in child.names:
                    target = resolve(f"{full}.{alias.name}") if f"{full}.{alias.name}" in known else resolve(full)
                    if target:
                        found.append((target, in_function, child.lineno))
            elif isinstance(child, ast.Call) and getattr(child.func, "id", getattr(child.func, "attr", "")) in (
                    "import_module",) and child.args and isinstance(child.args[0], ast.Constant) and isinstance(
                    child.args[0].value, str) and child.args[0].value.startswith("legpain"):
                target = resolve(child.args[0].value)
                if target:
                    found.append((target, True, child.lineno))
            visit(child, inner)

    visit(tree, False)
    return [f for f in found if f[0] != module]


def longest_function(path: Path) -> tuple[int, str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    best = (0, "")
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > best[0]:
                best = (length, node.name)
    return best


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index:
            strong(v)
    return out


def measure() -> dict:
    files = sorted(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)
    known = {module_name(p) for p in files}
    lines = {module_name(p): len(p.read_text(encoding="utf-8").splitlines()) for p in files}
    per_group = defaultdict(lambda: [0, 0])
    for mod, n in lines.items():
        g = group_of(mod)
        per_group[g][0] += 1
        per_group[g][1] += n
    graph, edges, group_edges = defaultdict(set), Counter(), Counter()
    lazy = 0
    for p in files:
        mod = module_name(p)
        for target, in_function, _ in imports_of(p, mod, known):
            # a module importing its own package's __init__ (relative "from . import x") is not an edge to itself
            if mod.startswith(target + ".") and (PKG / Path(*target.split(".")[1:])).is_dir():
                continue
            graph[mod].add(target)
            edges[(mod, target)] += 1
            lazy += in_function
            a, b = group_of(mod), group_of(target)
            if a != b:
                group_edges[(a, b)] += 1
    longest = max(((*longest_function(p), module_name(p)) for p in files))
    largest = max(lines.items(), key=lambda kv: kv[1])
    return {
        "files": len(files),
        "lines": sum(lines.values()),
        "groups": {g: {"files": v[0], "lines": v[1]} for g, v in sorted(per_group.items())},
        "module_edges": len(edges),
        "import_statements_in_functions": lazy,
        "group_edges": {f"{a} -> {b}": n for (a, b), n in sorted(group_edges.items())},
        "cycles": cycles(graph),
        "largest_module": {"module": largest[0], "lines": largest[1]},
        "longest_function": {"function": f"{longest[2]}.{longest[1]}", "lines": longest[0]},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    m = measure()
    if args.json:
        print(json.dumps(m, indent=1))
        return 0
    print(f"{m['files']} files, {m['lines']} lines")
    print(f"{'group':<14}{'files':>6}{'lines':>8}")
    for g, v in m["groups"].items():
        print(f"{g:<14}{v['files']:>6}{v['lines']:>8}")
    print(f"module import edges: {m['module_edges']} ({m['import_statements_in_functions']} import lines inside "
          f"functions)")
    print("edges between groups:")
    for k, n in m["group_edges"].items():
        print(f"  {k}: {n}")
    print(f"cycles: {len(m['cycles'])} {m['cycles']}")
    print(f"largest module: {m['largest_module']['module']} ({m['largest_module']['lines']} lines)")
    print(f"longest function: {m['longest_function']['function']} ({m['longest_function']['lines']} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

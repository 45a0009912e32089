#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 typegrad authors
# SPDX-License-Identifier: MIT
"""How typegrad's compile time grows with the size of an expression, beside hand-written code.

For each size (operation nodes of one scalar expression; default 10, 100, 1000, 3000) this writes
two programs and compiles each with each compiler (default g++-12 and clang++-14, -O2 -std=c++20),
measuring wall-clock seconds, CPU seconds (user + system) and peak memory with /usr/bin/time -v:

  tg_<n>.cpp    the expression as typegrad expression objects (`constexpr auto n12 =
                tg::operator*(n3, n11);`, variables x0..x3, no constant that is not a type, so
                that a node used twice is one node) and one tg::value_and_grad at a point read at
                run time;
  hand_<n>.cpp  the same value and gradient written out by hand: the forward values as locals,
                then one adjoint per node accumulated in reverse order (what a careful person or a
                source-transformation tool writes), straight-line code.

The expression is a random DAG (seeded, so the same for every run): each node is +, -, *
(about 60%) or sin, cos, tanh, exp, square of earlier nodes, mostly from the last 16 nodes made
and sometimes from anywhere earlier (reuse), never the same operation on the same operands twice;
the nodes nothing uses are finally added up in a balanced tree, so the whole DAG is one
expression of exactly n operation nodes. Operator calls are qualified (tg::operator*) as
README's "Deep chains on Clang 14" advises for deep shared expressions.

With --check each pair of programs is also run and must print the same value and gradient (to
1e-9 relative). The report is a Markdown table (--markdown FILE, else standard output) with the
growth exponent between consecutive sizes (log(t2/t1) / log(n2/n1); 1 is linear).

A compile that runs past --timeout seconds or needs more than --max-gb of address space is
stopped and reported as such (the machine is shared: an unbounded compile can take it down).

Usage: bench/compile_time.py [--sizes 10 100 1000 3000] [--compilers g++-12 clang++-14]
                             [--timeout 900] [--max-gb 8] [--workdir DIR] [--check] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIABLES = 4
WINDOW = 16
BINARY = {"add": "+", "sub": "-", "mul": "*"}
UNARY = ["sin", "cos", "tanh", "exp", "square"]
BOUNDED = {"sin", "cos", "tanh"}  # results in [-1, 1]: exp of these stays small


# ---- the random DAG -------------------------------------------------------------------------

class Node:
    def __init__(self, name: str, op: str, args: tuple[str, ...], bounded: bool):
        self.name, self.op, self.args, self.bounded = name, op, args, bounded


def make_dag(n: int, seed: int) -> list[Node]:
    """Exactly n operation nodes over x0..x3; the last node is the expression."""
    rng = random.Random(seed)
    leaves = [f"x{i}" for i in range(VARIABLES)]
    nodes: list[Node] = []
    bounded: dict[str, bool] = {x: False for x in leaves}
    used: set[str] = set()
    seen: set[tuple] = set()

    def pick() -> str:
        made = [m.name for m in nodes]
        r = rng.random()
        if not made or r < 0.15:
            return rng.choice(leaves)
        if r < 0.30:
            return rng.choice(made)  # reuse of anything made before
        return rng.choice(made[-WINDOW:])

    def roots_after(extra: int) -> int:
        return len([m for m in nodes if m.name not in used]) + extra

    while True:
        # stop when the body and the final sums make n nodes
        roots = max(roots_after(0), 1)
        if nodes and len(nodes) + roots - 1 >= n:
            break
        for _ in range(100):
            # the first nodes start with x0, x1, ...: every variable is in the expression
            first = leaves[len(nodes)] if len(nodes) < VARIABLES else None
            if nodes and len(nodes) + roots - 1 == n - 1:  # one node to go: it must use a root, or we overshoot
                first = rng.choice([m.name for m in nodes if m.name not in used])
            if rng.random() < 0.6:
                op = rng.choice(list(BINARY))
                args = (first or pick(), pick())
                if op in ("add", "mul") and args[0] > args[1]:
                    args = (args[1], args[0])
                if op == "sub" and args[0] == args[1]:
                    continue
            else:
                op = rng.choice(UNARY)
                args = (first or pick(),)
                if op == "exp" and not bounded[args[0]]:
                    op = "tanh"
            if (op, args) not in seen:
                break
        seen.add((op, args))
        name = f"n{len(nodes) + 1}"
        nodes.append(Node(name, op, args, op in BOUNDED))
        bounded[name] = op in BOUNDED
        used.update(args)
    # add up the nodes nothing uses, pairwise, until one is left
    level = [m.name for m in nodes if m.name not in used]
    while len(level) > 1:
        nxt = []
        for i in range(0, len(level) - 1, 2):
            name = f"n{len(nodes) + 1}"
            nodes.append(Node(name, "add", (level[i], level[i + 1]), False))
            nxt.append(name)
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    assert len(nodes) == n or n < 2, (len(nodes), n)
    return nodes


# ---- the two programs -----------------------------------------------------------------------

POINT = [0.3, -0.6, 0.9, 0.45]


def typegrad_source(nodes: list[Node]) -> str:
    out = ["// Generated by bench/compile_time.py: one typegrad expression and its gradient.",
           "#include <typegrad/typegrad.hpp>", "#include <cstdio>", "namespace tg = typegrad;", "namespace {"]
    for i in range(VARIABLES):
        out.append(f'constexpr auto x{i} = tg::var<"x{i}">;')
    for m in nodes:
        if m.op in BINARY:
            out.append(f"constexpr auto {m.name} = tg::operator{BINARY[m.op]}({m.args[0]}, {m.args[1]});")
        else:
            out.append(f"constexpr auto {m.name} = tg::{m.op}({m.args[0]});")
    out.append("}  // namespace")
    out.append("int main() {")
    out.append(f"  volatile double in[{VARIABLES}] = {{{', '.join(map(repr, POINT))}}};")
    binds = ", ".join(f"x{i} = static_cast<double>(in[{i}])" for i in range(VARIABLES))
    out.append(f"  const auto [v, g] = tg::value_and_grad({nodes[-1].name}, tg::at({binds}));")
    fmt = " ".join(["%.17g"] * (VARIABLES + 1))
    out.append(f'  std::printf("{fmt}\\n", v, ' + ", ".join(f"g[x{i}]" for i in range(VARIABLES)) + ");")
    out.append("}")
    return "\n".join(out) + "\n"


def hand_source(nodes: list[Node]) -> str:
    out = ["// Generated by bench/compile_time.py: the same value and gradient written out by hand.",
           "#include <cmath>", "#include <cstdio>", "int main() {",
           f"  volatile double in[{VARIABLES}] = {{{', '.join(map(repr, POINT))}}};"]
    for i in range(VARIABLES):
        out.append(f"  const double x{i} = in[{i}];")
    for m in nodes:
        a = m.args
        expr = {"add": f"{a[0]} + {a[-1]}", "sub": f"{a[0]} - {a[-1]}", "mul": f"{a[0]} * {a[-1]}",
                "sin": f"std::sin({a[0]})", "cos": f"std::cos({a[0]})", "tanh": f"std::tanh({a[0]})",
                "exp": f"std::exp({a[0]})", "square": f"{a[0]} * {a[0]}"}[m.op]
        out.append(f"  const double {m.name} = {expr};")
    names = [f"x{i}" for i in range(VARIABLES)] + [m.name for m in nodes]
    for name in names[:-1]:
        out.append(f"  double g_{name} = 0.0;")
    out.append(f"  const double g_{nodes[-1].name} = 1.0;")
    for m in reversed(nodes):
        g = f"g_{m.name}"
        a = m.args
        if m.op == "add":
            out += [f"  g_{a[0]} += {g};", f"  g_{a[1]} += {g};"]
        elif m.op == "sub":
            out += [f"  g_{a[0]} += {g};", f"  g_{a[1]} -= {g};"]
        elif m.op == "mul":
            out += [f"  g_{a[0]} += {g} * {a[1]};", f"  g_{a[1]} += {g} * {a[0]};"]
        elif m.op == "sin":
            out.append(f"  g_{a[0]} += {g} * std::cos({a[0]});")
        elif m.op == "cos":
            out.append(f"  g_{a[0]} -= {g} * std::sin({a[0]});")
        elif m.op == "tanh":
            out.append(f"  g_{a[0]} += {g} * (1 - {m.name} * {m.name});")
        elif m.op == "exp":
            out.append(f"  g_{a[0]} += {g} * {m.name};")
        elif m.op == "square":
            out.append(f"  g_{a[0]} += {g} * 2 * {a[0]};")
    fmt = " ".join(["%.17g"] * (VARIABLES + 1))
    out.append(f'  std::printf("{fmt}\\n", {nodes[-1].name}, ' + ", ".join(f"g_x{i}" for i in range(VARIABLES)) + ");")
    out.append("}")
    return "\n".join(out) + "\n"


# ---- compiling and measuring ----------------------------------------------------------------

def measure(cmd: list[str], timeout: float, max_gb: float) -> dict:
    """Runs cmd under /usr/bin/time -v: wall and CPU seconds, peak memory in MB. The compiler's
    address space is capped at max_gb (a compile that needs more fails, and is reported so)."""
    full = ["/usr/bin/time", "-v"] + cmd

    def cap() -> None:
        limit = int(max_gb * 1024 ** 3)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    try:
        proc = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout,
                              check=False, preexec_fn=cap if max_gb > 0 else None)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    err = proc.stderr
    def field(label: str) -> str:
        m = re.search(r"^\s*" + re.escape(label) + r": (.*)$", err, re.M)
        return m.group(1).strip() if m else ""
    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    parts = [float(p) for p in wall.split(":")] if wall else [0.0]
    seconds = 0.0
    for p in parts:
        seconds = seconds * 60 + p
    result = {
        "wall": seconds,
        "cpu": float(field("User time (seconds)") or 0) + float(field("System time (seconds)") or 0),
        "mb": int(field("Maximum resident set size (kbytes)") or 0) / 1024,
        "rc": proc.returncode,
    }
    if proc.returncode != 0:
        result["error"] = "\n".join(l for l in err.splitlines() if "error" in l)[:2000] or err[-2000:]
        if re.search(r"virtual memory exhausted|std::bad_alloc|out of memory|Cannot allocate memory", err):
            result["oom"] = max_gb
    return result


def compile_one(cxx: str, src: Path, exe: Path, timeout: float, max_gb: float) -> dict:
    cmd = [cxx, "-std=c++20", "-O2", f"-I{ROOT / 'include'}", str(src), "-o", str(exe)]
    return measure(cmd, timeout, max_gb)


def run_output(exe: Path) -> list[float]:
    out = subprocess.run([str(exe)], stdout=subprocess.PIPE, text=True, check=True).stdout
    return [float(v) for v in out.split()]


def same(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y)) for x, y in zip(a, b))


# ---- report ---------------------------------------------------------------------------------

def cell(r: dict | None) -> str:
    if r is None:
        return ""
    if "timeout" in r:
        return f"> {r['timeout']:.0f} s (stopped)"
    if "oom" in r:
        return f"> {r['oom']:g} GB (out of memory after {r['cpu']:.0f} s)"
    if r.get("rc", 0) != 0:
        return "**failed**"
    return f"{r['cpu']:.1f} s / {r['wall']:.1f} s, {r['mb']:.0f} MB"


def exponent(r1: dict | None, r2: dict | None, n1: int, n2: int) -> str:
    if not r1 or not r2 or r1.get("rc") != 0 or r2.get("rc") != 0 or r1["cpu"] <= 0:
        return ""
    return f"{math.log(r2['cpu'] / r1['cpu']) / math.log(n2 / n1):.2f}"


def report(sizes: list[int], compilers: list[str], res: dict, machine: str, checks: dict) -> str:
    out = ["# Compile time against expression size", "",
           f"- Machine: {machine}",
           "- Each cell: CPU seconds (user + system) / wall-clock seconds, and peak memory (maximum "
           "resident set size), of one `-std=c++20 -O2` compile and link of the program; "
           "`growth`: log(t2/t1) / log(n2/n1) of the CPU seconds from the size above (1 is linear).",
           "- tg: one typegrad expression and value_and_grad; hand: the same value and gradient written out.",
           ""]
    for cxx in compilers:
        out.append(f"## {cxx}")
        out.append("")
        out.append("| nodes | typegrad | growth | hand-written | growth | typegrad / hand | same results |")
        out.append("|---:|---|---:|---|---:|---:|---|")
        prev = None
        for n in sizes:
            t, h = res.get((cxx, "tg", n)), res.get((cxx, "hand", n))
            gt = exponent(res.get((cxx, "tg", prev)), t, prev, n) if prev else ""
            gh = exponent(res.get((cxx, "hand", prev)), h, prev, n) if prev else ""
            rt = f"{t['cpu'] / h['cpu']:.1f}×" if t and h and t.get("rc") == 0 and h.get("rc") == 0 and h["cpu"] > 0 else ""
            out.append(f"| {n} | {cell(t)} | {gt} | {cell(h)} | {gh} | {rt} | {checks.get((cxx, n), '')} |")
            prev = n
        out.append("")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 3000])
    ap.add_argument("--compilers", nargs="+", default=["g++-12", "clang++-14"])
    ap.add_argument("--timeout", type=float, default=900, help="seconds per compile before it is stopped")
    ap.add_argument("--max-gb", type=float, default=8,
                    help="address-space limit of one compile in GB (0: none; default 8)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--workdir", help="where the sources go (default: a temporary directory)")
    ap.add_argument("--check", action="store_true", help="run both programs and compare their results")
    ap.add_argument("--only", choices=["tg", "hand"], help="compile only one of the two programs")
    ap.add_argument("--markdown", metavar="FILE", help="write the table here (default: standard output)")
    args = ap.parse_args()

    work = Path(args.workdir or tempfile.mkdtemp(prefix="typegrad_compile_time_"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {}
    checks: dict = {}
    failed = False
    for n in args.sizes:
        nodes = make_dag(n, args.seed + n)
        (work / f"tg_{n}.cpp").write_text(typegrad_source(nodes))
        (work / f"hand_{n}.cpp").write_text(hand_source(nodes))
        for cxx in args.compilers:
            tag = re.sub(r"[^A-Za-z0-9]+", "_", cxx)
            for kind in ("tg", "hand"):
                if args.only and kind != args.only:
                    continue
                exe = work / f"{kind}_{n}_{tag}"
                r = compile_one(cxx, work / f"{kind}_{n}.cpp", exe, args.timeout, args.max_gb)
                results[(cxx, kind, n)] = r
                print(f"compile_time: {cxx} {kind} {n} nodes: {cell(r)}", file=sys.stderr, flush=True)
                if r.get("rc", 1) != 0 and "timeout" not in r and "oom" not in r:
                    failed = True
                    print(r.get("error", ""), file=sys.stderr)
            if args.check and not args.only:
                t = results[(cxx, "tg", n)]
                h = results[(cxx, "hand", n)]
                if t.get("rc") == 0 and h.get("rc") == 0:
                    ok = same(run_output(work / f"tg_{n}_{tag}"), run_output(work / f"hand_{n}_{tag}"))
                    checks[(cxx, n)] = "yes" if ok else "**no**"
                    failed |= not ok
    machine = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                machine = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    machine = f"{machine or 'unknown CPU'}, {os.cpu_count()} logical CPUs"
    text = report(args.sizes, args.compilers, results, machine, checks)
    if args.markdown:
        Path(args.markdown).parent.mkdir(parents=True, exist_ok=True)
        Path(args.markdown).write_text(text + "\n")
    else:
        print(text)
    print(f"compile_time: sources in {work}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

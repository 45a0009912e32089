#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 typegrad authors
# SPDX-License-Identifier: MIT
"""Run typegrad's benchmark executables and report every contestant against hand-written code.

Builds nothing: give it the executables of a configured and built benchmark directory, e.g.

    cmake --workflow --preset bench
    bench/run_suite.py build/bench/bench/*_bench --markdown docs/bench/results.md --svg docs/bench/ratios.svg

Each executable runs with --benchmark_format=json, --benchmark_repetitions=N and
--benchmark_report_aggregates_only=true; the median of the repetitions is kept (with --runs K,
the median of the K runs' medians). A benchmark is named BM_<case>[/<size>]/<contestant>: the
part after the last '/' is the contestant, the rest the case, so that the cases of several
executables (mlp_bench's hand-written MLP step and mlp_peers_bench's LibTorch step) meet in one
row. Every time is divided by the `hand` time of its case.

Writes (each optional):
  --markdown FILE  tables per case family: time per call and ratio to hand-written for every
                   case and contestant; the geometric mean of the ratios per contestant; typegrad
                   against every peer on the cases they share
  --svg FILE       a bar chart of the ratios to hand-written (log scale), drawn here
  --json FILE      the merged medians, which --from-json reads back to redraw without running
Exits non-zero if an executable fails (a gradient check that disagrees makes the adbench
executables exit 1) or a benchmark reports an error; the reports are still written.
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
from pathlib import Path

HAND = "hand"
TYPEGRAD = "typegrad"


def is_typegrad(contestant: str) -> bool:
    """typegrad itself (typegrad, typegrad_ws, typegrad_fold, ...); every other non-hand
    contestant is a peer."""
    return contestant == TYPEGRAD or contestant.startswith(TYPEGRAD + "_")


UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#ad494a", "#637939", "#843c39"]


# ---- running --------------------------------------------------------------------------------

def run_executable(exe: str, args: argparse.Namespace) -> tuple[dict, int]:
    """One run of one executable: its parsed JSON (or {}) and its exit status."""
    cmd = [exe, "--benchmark_format=json",
           f"--benchmark_repetitions={args.repetitions}",
           "--benchmark_report_aggregates_only=true",
           f"--benchmark_min_time={args.min_time}"]
    if args.filter:
        cmd.append(f"--benchmark_filter={args.filter}")
    print("run_suite: " + " ".join(cmd), file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
    try:
        data = json.loads(proc.stdout) if proc.stdout.strip() else {}
    except json.JSONDecodeError as e:
        print(f"run_suite: {exe}: output is not JSON ({e})", file=sys.stderr)
        data = {}
    return data, proc.returncode


def split_name(name: str) -> tuple[str, str]:
    case, _, contestant = name.rpartition("/")
    return (case, contestant) if case else (name, "")


def collect(exes: list[str], args: argparse.Namespace) -> tuple[dict, list[str]]:
    """Runs everything; returns the merged results and a list of problems."""
    problems: list[str] = []
    samples: dict[tuple[str, str], list[float]] = {}
    errors: dict[tuple[str, str], str] = {}
    order: list[tuple[str, str]] = []
    sources: dict[tuple[str, str], str] = {}
    context: dict = {}
    for exe in exes:
        for _ in range(args.runs):
            data, rc = run_executable(exe, args)
            if rc != 0:
                problems.append(f"{exe} exited with status {rc}")
            context = context or data.get("context", {})
            for b in data.get("benchmarks", []):
                run_name = b.get("run_name", b.get("name", ""))
                key = split_name(run_name)
                if key not in sources:
                    sources[key] = os.path.basename(exe)
                    order.append(key)
                elif sources[key] != os.path.basename(exe):
                    print(f"run_suite: {run_name} is in both {sources[key]} and {os.path.basename(exe)}; "
                          f"the first is kept", file=sys.stderr)
                    continue
                if b.get("error_occurred"):
                    errors[key] = b.get("error_message", "error")
                    continue
                if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
                    continue
                t = b.get(args.time + "_time")
                if t is None:
                    continue
                samples.setdefault(key, []).append(float(t) * UNIT_NS[b.get("time_unit", "ns")])
    for key, msg in errors.items():
        problems.append(f"{key[0]}/{key[1]}: {msg}")
    results = []
    for key in order:
        entry = {"case": key[0], "contestant": key[1], "executable": sources[key]}
        if key in samples:
            entry["ns"] = statistics.median(samples[key])
        if key in errors:
            entry["error"] = errors[key]
        results.append(entry)
    return {"context": context, "time": args.time, "results": results}, problems


# ---- describing the build and the machine --------------------------------------------------

def find_cmake_cache(exe: str) -> Path | None:
    p = Path(exe).resolve().parent
    for d in [p, *p.parents]:
        if (d / "CMakeCache.txt").is_file():
            return d / "CMakeCache.txt"
    return None


def describe_build(exes: list[str]) -> str:
    cache = find_cmake_cache(exes[0]) if exes else None
    if cache is None:
        return ""
    values = {}
    for line in cache.read_text(errors="replace").splitlines():
        m = re.match(r"^(CMAKE_CXX_COMPILER|CMAKE_BUILD_TYPE|CMAKE_CXX_FLAGS(?:_[A-Z]+)?):[A-Z]+=(.*)$", line)
        if m:
            values[m.group(1)] = m.group(2)
    compiler = values.get("CMAKE_CXX_COMPILER", "")
    version = ""
    if compiler:
        try:
            version = subprocess.run([compiler, "--version"], stdout=subprocess.PIPE, text=True,
                                     check=False).stdout.splitlines()[0]
        except OSError:
            version = compiler
    build = values.get("CMAKE_BUILD_TYPE", "")
    flags = " ".join(x for x in [values.get("CMAKE_CXX_FLAGS", ""),
                                 values.get("CMAKE_CXX_FLAGS_" + build.upper(), "") if build else ""] if x)
    return f"{version}, {build} ({flags.strip() or 'default flags'})"


def describe_machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model or platform.processor() or 'unknown CPU'}, {os.cpu_count()} logical CPUs, " \
           f"{platform.system()} {platform.release()}"


# ---- analysis -------------------------------------------------------------------------------

def by_case(results: list[dict]) -> tuple[list[str], dict[str, dict[str, dict]]]:
    cases: list[str] = []
    table: dict[str, dict[str, dict]] = {}
    for r in results:
        if r["case"] not in table:
            cases.append(r["case"])
            table[r["case"]] = {}
        table[r["case"]][r["contestant"]] = r
    return cases, table


def ratio(table: dict, case: str, contestant: str, base: str = HAND) -> float | None:
    row = table[case]
    a, b = row.get(contestant, {}).get("ns"), row.get(base, {}).get("ns")
    if a is None or b is None or b <= 0:
        return None
    return a / b


def contestants_in(results: list[dict]) -> list[str]:
    seen: list[str] = []
    for r in results:
        if r["contestant"] not in seen:
            seen.append(r["contestant"])
    # hand first, typegrad's variants next, then the peers in order of appearance
    return sorted(seen, key=lambda c: (c != HAND, not is_typegrad(c), seen.index(c)))


def geomean(xs: list[float]) -> float:
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def family(case: str) -> str:
    return case.split("/", 1)[0]


# ---- Markdown -------------------------------------------------------------------------------

def fmt_time(ns: float) -> str:
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def fmt_ratio(r: float) -> str:
    return f"{r:.2f}×" if r < 100 else f"{r:.0f}×"


def markdown(merged: dict, title: str, build: str, machine: str) -> str:
    results = merged["results"]
    cases, table = by_case(results)
    names = contestants_in(results)
    out = [f"# {title}", ""]
    out.append(f"- Build: {build or 'unknown'}")
    out.append(f"- Machine: {machine}")
    ctx = merged.get("context", {})
    if ctx:
        out.append(f"- Google Benchmark: {ctx.get('date', '')}, {ctx.get('num_cpus', '?')} CPUs at "
                   f"{ctx.get('mhz_per_cpu', '?')} MHz, load average "
                   f"{', '.join(f'{x:.2f}' for x in ctx.get('load_avg', []))}")
    out.append(f"- Each time is the median of the repetitions' {merged.get('time', 'cpu')} time per call; "
               f"the ratio is time / hand-written time in the same case (below 1: faster than by hand).")
    out.append("")
    # one table per case family
    families: list[str] = []
    for c in cases:
        if family(c) not in families:
            families.append(family(c))
    for fam in families:
        fam_cases = [c for c in cases if family(c) == fam]
        cols = [n for n in names if any(n in table[c] for c in fam_cases)]
        out.append(f"## {fam}")
        out.append("")
        out.append("| case | " + " | ".join(cols) + " |")
        out.append("|---|" + "---:|" * len(cols))
        for c in fam_cases:
            cells = []
            for n in cols:
                e = table[c].get(n)
                if e is None:
                    cells.append("")
                elif "error" in e:
                    cells.append("**error**")
                elif "ns" not in e:
                    cells.append("")
                else:
                    r = ratio(table, c, n)
                    cells.append(fmt_time(e["ns"]) + (f" ({fmt_ratio(r)})" if r is not None and n != HAND else ""))
            out.append(f"| {c.removeprefix(fam + '/') if c != fam else c} | " + " | ".join(cells) + " |")
        out.append("")
    # geometric means
    out.append("## Geometric mean of the ratio to hand-written, per contestant")
    out.append("")
    out.append("| contestant | cases | geometric mean | best | worst |")
    out.append("|---|---:|---:|---:|---:|")
    for n in names:
        if n == HAND:
            continue
        rs = [(ratio(table, c, n), c) for c in cases]
        rs = [(r, c) for r, c in rs if r is not None]
        if not rs:
            continue
        lo, hi = min(rs), max(rs)
        out.append(f"| {n} | {len(rs)} | {fmt_ratio(geomean([r for r, _ in rs]))} | "
                   f"{fmt_ratio(lo[0])} ({lo[1]}) | {fmt_ratio(hi[0])} ({hi[1]}) |")
    out.append("")
    # typegrad against each peer
    peers = [n for n in names if n != HAND and not is_typegrad(n)]
    if peers and any(TYPEGRAD in table[c] for c in cases):
        out.append("## typegrad against each peer, on the cases they share")
        out.append("")
        out.append("peer time / typegrad time (above 1: typegrad is faster); `typegrad` is the "
                   "stack-workspace contestant.")
        out.append("")
        out.append("| peer | shared cases | typegrad faster in | geometric mean | typegrad's worst case |")
        out.append("|---|---:|---:|---:|---|")
        for p in peers:
            rs = [(ratio(table, c, p, TYPEGRAD), c) for c in cases]
            rs = [(r, c) for r, c in rs if r is not None]
            if not rs:
                continue
            worst = min(rs)
            faster = sum(1 for r, _ in rs if r > 1)
            out.append(f"| {p} | {len(rs)} | {faster} | {fmt_ratio(geomean([r for r, _ in rs]))} | "
                       f"{fmt_ratio(worst[0])} ({worst[1]}) |")
        out.append("")
    errors = [r for r in results if "error" in r]
    if errors:
        out.append("## Errors")
        out.append("")
        for r in errors:
            out.append(f"- `{r['case']}/{r['contestant']}`: {r['error']}")
        out.append("")
    return "\n".join(out)


# ---- SVG ------------------------------------------------------------------------------------

def svg_chart(merged: dict, title: str, subtitle: str, only: list[str] | None) -> str:
    """Horizontal bars, one group per case, one bar per contestant: time / hand time, log scale."""
    results = merged["results"]
    cases, table = by_case(results)
    names = [n for n in contestants_in(results) if n != HAND and (not only or n in only)]
    rows = []  # (case, [(contestant, ratio)])
    for c in cases:
        bars = [(n, ratio(table, c, n)) for n in names]
        bars = [(n, r) for n, r in bars if r is not None]
        if bars:
            rows.append((c, bars))
    colors = {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(names)}
    all_r = [r for _, bars in rows for _, r in bars] or [1.0]
    lo = 10 ** math.floor(math.log10(min(min(all_r), 1.0)))
    hi = 10 ** math.ceil(math.log10(max(max(all_r), 1.0) * 1.0001))
    if hi <= lo:
        hi = lo * 10
    bar_h, gap, label_w, plot_w, right = 7, 6, 230, 640, 90
    legend_cols = 4
    legend_h = 18 * math.ceil(len(names) / legend_cols) + 10
    top = 58 + legend_h
    height = top + sum(len(b) * bar_h + gap for _, b in rows) + 40
    width = label_w + plot_w + right

    def x_of(r: float) -> float:
        return label_w + plot_w * (math.log10(r) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
         f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11">',
         f'<rect width="{width}" height="{height}" fill="white"/>',
         f'<text x="10" y="20" font-size="15" font-weight="bold">{html.escape(title)}</text>',
         f'<text x="10" y="38" fill="#444">{html.escape(subtitle)}</text>']
    for i, n in enumerate(names):
        lx = 10 + (i % legend_cols) * 220
        ly = 52 + 18 * (i // legend_cols)
        s.append(f'<rect x="{lx}" y="{ly}" width="12" height="10" fill="{colors[n]}"/>')
        s.append(f'<text x="{lx + 16}" y="{ly + 9}">{html.escape(n)}</text>')
    # grid: powers of ten, 1 in bold
    decade = lo
    while decade <= hi * 1.0001:
        x = x_of(decade)
        bold = abs(decade - 1.0) < 1e-12
        s.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 30}" '
                 f'stroke="{"#000" if bold else "#ccc"}" stroke-width="{1.5 if bold else 1}"/>')
        label = f"{decade:g}×"
        s.append(f'<text x="{x:.1f}" y="{height - 16}" text-anchor="middle">{label}</text>')
        decade *= 10
    s.append(f'<text x="{label_w + plot_w / 2:.0f}" y="{height - 3}" text-anchor="middle" fill="#444">'
             f'time / hand-written time (log scale; left of the bold line: faster than by hand)</text>')
    y = top
    for c, bars in rows:
        group_h = len(bars) * bar_h
        s.append(f'<text x="{label_w - 6}" y="{y + group_h / 2 + 4:.1f}" text-anchor="end">{html.escape(c)}</text>')
        for n, r in bars:
            x0, x1 = x_of(lo), x_of(r)
            s.append(f'<rect x="{x0:.1f}" y="{y}" width="{max(x1 - x0, 0.5):.1f}" height="{bar_h - 1}" '
                     f'fill="{colors[n]}"><title>{html.escape(c)} / {html.escape(n)}: {fmt_ratio(r)}</title></rect>')
            if n == TYPEGRAD:
                s.append(f'<text x="{x1 + 3:.1f}" y="{y + bar_h - 1}" font-size="8" fill="#333">{fmt_ratio(r)}</text>')
            y += bar_h
        y += gap
    s.append("</svg>")
    return "\n".join(s) + "\n"


# ---- main -----------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("executables", nargs="*", help="benchmark executables to run, in order")
    ap.add_argument("--repetitions", type=int, default=5, help="--benchmark_repetitions (default 5)")
    ap.add_argument("--runs", type=int, default=1, help="runs of each executable; the median of their medians")
    ap.add_argument("--min-time", default="0.1", help="--benchmark_min_time in seconds (default 0.1)")
    ap.add_argument("--filter", default="", help="--benchmark_filter (a regular expression)")
    ap.add_argument("--time", choices=["cpu", "real"], default="cpu", help="which time (default cpu)")
    ap.add_argument("--from-json", action="append", default=[], metavar="FILE",
                    help="read results written by --json instead of running (repeatable: merged in order)")
    ap.add_argument("--markdown", metavar="FILE", help="write the Markdown tables here")
    ap.add_argument("--svg", metavar="FILE", help="write the SVG chart here")
    ap.add_argument("--json", metavar="FILE", help="write the merged medians here")
    ap.add_argument("--title", default="typegrad benchmarks: time per call and ratio to hand-written code")
    ap.add_argument("--build", default=None, help="describe the build (default: read from CMakeCache.txt)")
    ap.add_argument("--chart-contestants", default="", help="comma-separated contestants to draw (default all)")
    args = ap.parse_args()
    if not args.executables and not args.from_json:
        ap.error("give benchmark executables to run, or --from-json")

    problems: list[str] = []
    if args.from_json:
        merged = {"context": {}, "time": args.time, "results": []}
        seen = set()
        for f in args.from_json:
            part = json.loads(Path(f).read_text())
            merged["context"] = merged["context"] or part.get("context", {})
            merged["time"] = part.get("time", merged["time"])
            merged.setdefault("build", part.get("build", ""))
            merged.setdefault("machine", part.get("machine", ""))
            for r in part["results"]:
                if (r["case"], r["contestant"]) not in seen:
                    seen.add((r["case"], r["contestant"]))
                    merged["results"].append(r)
        build = args.build if args.build is not None else merged.get("build", "")
        machine = merged.get("machine", "") or describe_machine()
    else:
        merged, problems = collect(args.executables, args)
        build = args.build if args.build is not None else describe_build(args.executables)
        machine = describe_machine()
    merged["build"] = build
    merged["machine"] = machine
    merged["written"] = datetime.datetime.now().isoformat(timespec="seconds")

    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(merged, indent=1) + "\n")
    if args.markdown:
        Path(args.markdown).parent.mkdir(parents=True, exist_ok=True)
        Path(args.markdown).write_text(markdown(merged, args.title, build, machine) + "\n")
    if args.svg:
        only = [c for c in args.chart_contestants.split(",") if c] or None
        Path(args.svg).parent.mkdir(parents=True, exist_ok=True)
        Path(args.svg).write_text(svg_chart(merged, args.title, f"{build}; {machine}", only))
    if not (args.markdown or args.svg or args.json):
        print(markdown(merged, args.title, build, machine))
    for p in problems:
        print(f"run_suite: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

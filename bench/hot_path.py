"""The hot path (issue 16), measured honestly against a floor, in interleaved rounds.

Pages, all signed in as a load-test practitioner with their second factor done:
- floor: "What this record is and who can see it": the same NHS layout, header and navigation, no record, no audit;
- record: the person's record page (`/people/<id>/`), audited;
- plan: a plan of 30 entries and 6 differing views, audited.

Each round measures, one after another: service time (p50, p95) of floor, record and plan at as many connections as
there are workers; then throughput at saturation (4 connections a worker) of record and plan on the audited server
and on the comparison server whose workers write no audit row (`bench/unaudited.py`). Rounds repeat, interleaved, and
each figure is a median of per-round ratios with its spread. Any answer that is not 2xx fails the run, and so does a
server that is not the one the bench started (the listener on each port must be that server's own process).

    python bench/hot_path.py PEOPLE AUDITED_URL AUDITED_PID UNAUDITED_URL UNAUDITED_PID COOKIE_NAME COOKIE PERSON PLAN

Prints one line per target with its figure and PASS or FAIL, appends the run's figures to bench/results/hot_path.jsonl
and exits 1 if any target fails.
"""

import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))  # a noisy virtual machine: more, shorter rounds
SECONDS = int(os.environ.get("BENCH_SECONDS", "6"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
TIMEOUT = os.environ.get("BENCH_TIMEOUT", "10s")  # well above the slowest request; checked after each run
RESULTS = Path(__file__).parent / "results" / "hot_path.jsonl"

TARGETS = {  # name: (what, limit, which way is better)
    "record_floor": ("audited record page p50 ÷ floor page p50", 1.5, "below"),
    "plan_floor": ("plan page (30 entries, 6 views) p50 ÷ floor page p50", 2.0, "below"),
    "audited_unaudited": ("audited ÷ unaudited throughput, record page", 0.85, "above"),
}


def listener_pids(port: int) -> set[int]:
    command = ["ss", "-Hltnp", f"sport = :{port}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603, S607 - our own
    return {int(pid) for pid in re.findall(r"pid=(\d+)", out)}


def check_server(url: str, pid: int) -> None:
    port = urlsplit(url).port or 80
    if pid not in listener_pids(port):
        sys.exit(f"FAIL: the server on port {port} is not the one the bench started (pid {pid})")


def wrk(url: str, cookie: str, connections: int, *, warming: bool = False) -> dict[str, float]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{SECONDS}s", f"--timeout={TIMEOUT}"]
    command += ["-s", str(Path(__file__).parent / "percentiles.lua"), "-H", f"Cookie: {cookie}", url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603 - our own
    line = next((line for line in out.splitlines() if line.startswith("RESULT")), None)
    if line is None:
        sys.exit(f"FAIL: wrk gave no result for {url}:\n{out}")
    figures = {key: float(value) for key, value in (pair.split("=") for pair in line.split()[1:])}
    if warming:  # a worker's first requests load templates and catalogues: not measured, only made to happen
        return figures
    if figures["errors"] or not figures["requests"]:
        sys.exit(f"FAIL: {url}: {figures['errors']:.0f} errors ({figures['not_2xx']:.0f} answers not 2xx)")
    limit = float(TIMEOUT.rstrip("s")) * 1000
    if figures["max_ms"] >= limit:
        sys.exit(f"FAIL: {url}: the slowest request ({figures['max_ms']:.0f} ms) reached wrk's timeout")
    return figures


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> None:
    people, audited, audited_pid, unaudited, unaudited_pid, cookie_name, cookie, person, plan = sys.argv[1:10]
    cookie = f"{cookie_name}={cookie}"
    pages = {
        "floor": "/about-your-record/",
        "record": f"/people/{person}/",
        "plan": f"/people/{person}/plans/{plan}/",
    }
    servers = {"audited": (audited, int(audited_pid)), "unaudited": (unaudited, int(unaudited_pid))}
    for url, pid in servers.values():
        check_server(url, pid)
    for url, _pid in servers.values():  # warm every worker of both servers on every page
        for path in pages.values():
            wrk(url + path, cookie, WORKERS * 2, warming=True)

    rounds: list[dict[str, dict[str, float]]] = []
    for number in range(1, ROUNDS + 1):
        this: dict[str, dict[str, float]] = {}
        for name, path in pages.items():  # service time: no more connections than workers
            this[name] = wrk(audited + path, cookie, WORKERS)
        for name in ("record", "plan"):  # throughput at saturation, audited then not
            for server, (url, _pid) in servers.items():
                this[f"{name}_{server}_saturated"] = wrk(url + pages[name], cookie, WORKERS * 4)
        for url, pid in servers.values():
            check_server(url, pid)
        rounds.append(this)
        print(
            f"round {number}: p50 floor {this['floor']['p50_ms']:.1f} ms, record {this['record']['p50_ms']:.1f} ms, "
            f"plan {this['plan']['p50_ms']:.1f} ms; saturated record {this['record_audited_saturated']['rps']:.0f}/s "
            f"audited, {this['record_unaudited_saturated']['rps']:.0f}/s not",
            flush=True,
        )

    ratios = {
        "record_floor": [r["record"]["p50_ms"] / r["floor"]["p50_ms"] for r in rounds],
        "plan_floor": [r["plan"]["p50_ms"] / r["floor"]["p50_ms"] for r in rounds],
        "audited_unaudited": [
            r["record_audited_saturated"]["rps"] / r["record_unaudited_saturated"]["rps"] for r in rounds
        ],
        "plan_audited_unaudited": [
            r["plan_audited_saturated"]["rps"] / r["plan_unaudited_saturated"]["rps"] for r in rounds
        ],
    }
    figures = {
        f"{name}_{key}": statistics.median(r[name][key] for r in rounds)
        for name in ("floor", "record", "plan")
        for key in ("p50_ms", "p95_ms")
    }
    print(f"\n{people} people, {ROUNDS} interleaved rounds of {SECONDS} s, {WORKERS} workers")
    for name in ("floor", "record", "plan"):
        print(
            f"  {name:7} p50 {figures[f'{name}_p50_ms']:.1f} ms, p95 {figures[f'{name}_p95_ms']:.1f} ms "
            f"(at {WORKERS} connections)"
        )
    print(f"  plan page audited ÷ unaudited throughput: {spread(ratios['plan_audited_unaudited'])}")
    failed = False
    for key, (what, limit, better) in TARGETS.items():
        value = statistics.median(ratios[key])
        ok = value <= limit if better == "below" else value >= limit
        failed |= not ok
        sign = "≤" if better == "below" else "≥"
        print(f"  {'PASS' if ok else 'FAIL'}  {what}: {spread(ratios[key])}, target {sign} {limit}")
    RESULTS.parent.mkdir(exist_ok=True)
    with RESULTS.open("a") as handle:
        record = {
            "run": os.environ.get("BENCH_RUN", ""),
            "people": int(people),
            "audit_rows": int(os.environ.get("BENCH_AUDIT_ROWS_SEEDED", "0")),
            "record_p95_ms": figures["record_p95_ms"],
            "rounds": rounds,
            "ratios": ratios,
        }
        handle.write(json.dumps(record) + "\n")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

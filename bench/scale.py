"""The scale target of issue 16: the audited record page's p95 at the largest data set (100,000 people and
10 million audit rows) ÷ its p95 at the smallest (1,000 people and an empty trail), measured **interleaved**: one
server on each data set, the two measured in turn, round after round, so that the machine's drift between one size's
run and the next is not counted as scaling (the first full run, measuring one size after the other, put 1.48 on
what interleaving shows as about 1.0).

    python bench/scale.py SMALL LARGE     # each "people,audit_rows,url,pid,cookie,person_id"

Prints the floor's p95 at each size too (the same layout with no record: what the machine alone did), and PASS or
FAIL; exits 1 on FAIL.
"""

import statistics
import sys

from bench.hot_path import ROUNDS, SECONDS, WORKERS, check_server, spread, wrk

TARGET = 1.2
small, large = (
    {"people": int(p), "rows": int(r), "url": u, "pid": int(pid), "cookie": c, "person": person}
    for p, r, u, pid, c, person in (argument.split(",") for argument in sys.argv[1:3])
)
sizes = {"small": small, "large": large}
pages = {"floor": "/about-your-record/", "record": "/people/{person}/"}
for size in sizes.values():
    check_server(size["url"], size["pid"])
    for path in pages.values():
        wrk(size["url"] + path.format(person=size["person"]), size["cookie"], WORKERS * 2, warming=True)

p95: dict[tuple[str, str], list[float]] = {(s, p): [] for s in sizes for p in pages}
for number in range(1, ROUNDS + 1):
    for page, path in pages.items():
        for name, size in sizes.items():
            figures = wrk(size["url"] + path.format(person=size["person"]), size["cookie"], WORKERS)
            p95[(name, page)].append(figures["p95_ms"])
    for size in sizes.values():
        check_server(size["url"], size["pid"])
    print(
        f"scale round {number}: record p95 {p95[('small', 'record')][-1]:.1f} ms at {small['people']:,} people,"
        f" {p95[('large', 'record')][-1]:.1f} ms at {large['people']:,}",
        flush=True,
    )

ratios = [big / little for big, little in zip(p95[("large", "record")], p95[("small", "record")], strict=True)]
floors = [big / little for big, little in zip(p95[("large", "floor")], p95[("small", "floor")], strict=True)]
qualifies = large["people"] >= 100_000 and large["rows"] >= 10_000_000 and not small["rows"]
ok = qualifies and statistics.median(ratios) <= TARGET
trail = "an empty trail" if not small["rows"] else f"{small['rows']:,} audit rows"
print(
    f"  scale, {ROUNDS} interleaved rounds of {SECONDS} s at {WORKERS} connections: the floor's p95 ratio "
    f"{spread(floors)} (what the machine alone did between the two)"
)
print(
    f"  {'PASS' if ok else 'FAIL'}  record page p95 at {large['people']:,} people and {large['rows']:,} audit rows"
    f" ({statistics.median(p95[('large', 'record')]):.1f} ms) ÷ at {small['people']:,} people and {trail}"
    f" ({statistics.median(p95[('small', 'record')]):.1f} ms): {spread(ratios)}, target ≤ {TARGET}"
    + ("" if qualifies else " (needs 100,000 people and 10 million rows against an empty trail)")
)
sys.exit(0 if ok else 1)

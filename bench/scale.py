"""The scale target of issue 16: the audited record page's p95 at the largest data set of this run (100,000 people
and 10 million audit rows) ÷ its p95 at the smallest (1,000 people and an empty trail), from the figures
`bench/hot_path.py` kept for this run (`python bench/scale.py RUN`). Prints PASS or FAIL; exits 1 on FAIL."""

import json
import sys
from pathlib import Path

TARGET = 1.2
run = sys.argv[1]
path = Path(__file__).parent / "results" / "hot_path.jsonl"
sizes = [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []
sizes = [size for size in sizes if size.get("run") == run]
sizes.sort(key=lambda size: (size["people"], size["audit_rows"]))
if len(sizes) < 2:
    print("  FAIL  p95 at the largest data set ÷ p95 at the smallest: not measured (this run had one size)")
    sys.exit(1)
small, large = sizes[0], sizes[-1]
ratio = large["record_p95_ms"] / small["record_p95_ms"]
ok = ratio <= TARGET and large["people"] >= 100_000 and large["audit_rows"] >= 10_000_000 and not small["audit_rows"]
verdict = "PASS" if ok else "FAIL"
print(
    f"  {verdict}  record page p95 at {large['people']:,} people and {large['audit_rows']:,} audit rows "
    f"({large['record_p95_ms']:.1f} ms) ÷ at {small['people']:,} people and an empty trail "
    f"({small['record_p95_ms']:.1f} ms): {ratio:.2f}, target ≤ {TARGET} at 100,000 people and 10 million rows"
)
sys.exit(0 if ok else 1)

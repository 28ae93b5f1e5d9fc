"""Zero audit rows lost under `kill -9` (issue 16): audited record reads through the bench's gunicorn while its
workers are killed with SIGKILL, over and over, mid-request.

Each request carries its own X-Request-ID, which the audit row keeps. Afterwards, against the database:
- every request answered 200 has exactly one audit row (none lost, none doubled);
- a request cut off by a kill has at most one (a kill after the commit leaves the row of a page never delivered,
  which is what the trail should say: the record was read by the server for them);
- the chain verifies from its first row to its head.
The kills must land mid-request (some requests cut off), or the check proves nothing and fails.

    python bench/kill9.py URL MASTER_PID COOKIE_NAME COOKIE PERSON
"""

import http.client
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from urllib.parse import urlsplit

import django

django.setup()

from django.db.models import Count  # noqa: E402

from safeplan.audit.models import AuditEvent  # noqa: E402
from safeplan.audit.services import verify_chain  # noqa: E402

SECONDS = float(os.environ.get("BENCH_KILL_SECONDS", "20"))
CLIENTS = int(os.environ.get("BENCH_KILL_CLIENTS", "6"))
EVERY = float(os.environ.get("BENCH_KILL_EVERY", "1.0"))

url, master, cookie_name, cookie, person = sys.argv[1:6]
master_pid = int(master)
address = urlsplit(url)
path = f"/people/{person}/"
answered: dict[str, int] = {}  # request id: status
cut: list[str] = []
lock = threading.Lock()
stop = threading.Event()
prefix = f"kill9-{uuid.uuid4().hex[:8]}-"


def client() -> None:
    while not stop.is_set():
        request_id = prefix + uuid.uuid4().hex[:16]
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        try:
            connection.request("GET", path, headers={"Cookie": f"{cookie_name}={cookie}", "X-Request-ID": request_id})
            response = connection.getresponse()
            response.read()
            with lock:
                answered[request_id] = response.status
        except (OSError, http.client.HTTPException):
            with lock:
                cut.append(request_id)
        finally:
            connection.close()


def workers() -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout  # noqa: S603, S607
    return [int(pid) for pid in out.split()]


threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENTS)]
for thread in threads:
    thread.start()
kills = 0
ends = time.monotonic() + SECONDS
try:
    while time.monotonic() < ends:
        time.sleep(EVERY * random.uniform(0.5, 1.5))  # noqa: S311 - timing, not security
        alive = workers()
        if alive:
            try:
                os.kill(random.choice(alive), signal.SIGKILL)  # noqa: S311
                kills += 1
            except ProcessLookupError:
                pass  # it had just gone: gunicorn replaced it
finally:
    stop.set()
for thread in threads:
    thread.join()
time.sleep(1)  # let the database notice the last killed connections and roll their transactions back

rows = dict(
    AuditEvent.objects.filter(request_id__startswith=prefix)
    .values("request_id")
    .annotate(n=Count("id"))
    .values_list("request_id", "n")
)
ok_ids = [rid for rid, status in answered.items() if status == 200]
other = {status for status in answered.values() if status != 200}
lost = [rid for rid in ok_ids if rows.get(rid, 0) == 0]
doubled = [rid for rid in [*ok_ids, *cut] if rows.get(rid, 0) > 1]
cut_with_row = sum(1 for rid in cut if rows.get(rid, 0) == 1)
problem = verify_chain()
print(
    f"  kill -9: {kills} workers killed in {SECONDS:g} s under {CLIENTS} clients; {len(ok_ids):,} reads answered 200,"
    f" {len(cut):,} cut off mid-request ({cut_with_row} of them committed before the kill);"
    f" audit rows lost {len(lost)}, doubled {len(doubled)}; chain "
    + ("intact" if problem is None else f"BROKEN at {problem}")
)
ok = not lost and not doubled and problem is None and not other and cut and ok_ids
verdict = "PASS" if ok else "FAIL"
why = "" if ok else f" (other answers: {sorted(other)})" if other else "" if cut else " (no kill landed mid-request)"
print(f"  {verdict}  zero audit rows lost under kill -9 of workers mid-request{why}")
sys.exit(0 if ok else 1)

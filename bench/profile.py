"""Where a page's time goes, in-process, as the bench's practitioner (issue 16): pyinstrument over repeated requests
through Django's test client against the bench database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/safeplan_bench PYTHONPATH=. \\
        uv run python bench/profile.py /people/PERSON_ID/ [REQUESTS] [--flat] [--html FILE]

Prints the call tree (time in each function, slowest first), or with --flat each function's own time.
Production settings are not needed for the shape of it, but DEBUG must be off (as `make bench` runs), or template
reloading and query logging add to every request.
"""

import sys

import django

django.setup()

from django.conf import settings  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

from bench.session import USERNAME, signed_in  # noqa: E402
from safeplan.people.models import User  # noqa: E402

if settings.DEBUG:
    sys.exit("Run with DEBUG off (DJANGO_DEBUG unset or false).")
args = [a for a in sys.argv[1:] if not a.startswith("--")]
if "--html" in sys.argv:
    args.remove(sys.argv[sys.argv.index("--html") + 1])
path, requests = args[0], int(args[1]) if len(args) > 1 else 50
client = signed_in(User.objects.get(username=USERNAME))
for _ in range(5):
    assert client.get(path).status_code == 200  # warm what a process keeps (templates, catalogue)
profiler = Profiler(interval=0.0005)
with profiler:
    for _ in range(requests):
        client.get(path)
if "--html" in sys.argv:
    with open(sys.argv[sys.argv.index("--html") + 1], "w") as out:
        out.write(profiler.output_html())
flat = "--flat" in sys.argv  # time by function (its own time), slowest first, rather than the call tree
print(profiler.output_text(unicode=True, color=False, show_all=False, flat=flat))

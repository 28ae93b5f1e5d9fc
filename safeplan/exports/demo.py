"""The demo's finished export: Rowan asked for a copy of all their data, built here and now (no worker needed)."""

from safeplan.exports import build, services
from safeplan.people.capabilities import DemoWorld
from safeplan.people.records import demo_writer


def seed_exports(world: DemoWorld) -> None:
    rowan, user = world.people[0], world.person_users[0]
    export = services.request_export(demo_writer(user, rowan), queue=False)
    build.build(export.pk)

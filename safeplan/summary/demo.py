"""Demo summaries for `seed_demo`: Ro's own words about themselves, a goal served by their six-step plan and another
done, a goal each for Lee and Kit, and appointments attended by Ro, Lee and Kit over the last months (only attended
ones: none are ever missed)."""

from datetime import timedelta

from django.utils import timezone

from safeplan.people.capabilities import DemoWorld, ref, shareables
from safeplan.people.records import demo_writer
from safeplan.summary import services


def seed_summaries(world: DemoWorld) -> None:
    rowan, lee, kit = world.people[0], world.people[1], world.people[2]
    assert rowan.user is not None, "Ro signs in"  # noqa: S101 - demo data, checked as made
    ro, priya = demo_writer(rowan.user, rowan), demo_writer(world.staff["priya"], rowan)
    services.say_about_me(
        ro,
        "I'm Ro. I love wild swimming and fixing old bikes. I go quiet when things are bad, so ask me straight out "
        "how I am. Please don't talk over me to Casey.",
    )
    plans = [item for item in shareables(rowan) if item.group == "Your plans"]
    serves = [ref(plans[-1].object_type, plans[-1].object_id)] if plans else []
    services.add_goal(
        ro,
        words="Go back to college in September to finish my bike mechanics course",
        steps="Ring the college in June. Ask about starting with two days a week.",
        who_helps="Casey, and Priya with the letter for the college",
        serves=serves,
    )
    done = services.add_goal(priya, words="Swim in the lake again this summer", who_helps="The Sunday swim group")
    services.change_goal(
        priya,
        done,
        based_on=1,
        words="Swim in the lake again this summer",
        who_helps="The Sunday swim group",
        ended=True,
    )
    for person, words, helps in [
        (lee, "Get back to playing five-a-side on Thursdays", "My brother, who plays too"),
        (kit, "Move into my own flat by the summer", "Sam, and the housing officer"),
    ]:
        assert person.user is not None, "the demo's people sign in"  # noqa: S101 - demo data, checked as made
        services.add_goal(demo_writer(person.user, person), words=words, who_helps=helps)
    today = timezone.localdate()
    for person, staff, weeks in [(rowan, "priya", [2, 6, 10, 14, 20]), (lee, "morgan", [1, 5]), (kit, "sam", [3])]:
        writer = demo_writer(world.staff[staff], person)
        for week in weeks:
            services.record_attendance(
                writer, attended_on=today - timedelta(weeks=week), what=f"An appointment with {world.staff[staff]}"
            )

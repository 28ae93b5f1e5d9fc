"""Browser journeys (issue 15), in Chromium on a 360 × 640 phone: from signing in to the first call button in two taps;
reading one step at a time; keyboard only and text at 200 %; then keeping the crisis page on the phone, reading it
with no signal (marked as the saved copy), and signing out, after which nothing of the record is left on the phone.
Every page passes axe."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import assert_accessible
from safeplan.core.tests.journeys import BrowserJourney
from safeplan.crisis.tests.conftest import CrisisWorld

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 640}
NOTHING_KEPT = """async () =>
    (await caches.keys()).length === 0 && (await navigator.serviceWorker.getRegistrations()).length === 0"""


class Journey(BrowserJourney):
    def given_a_person_with_an_agreed_six_step_plan(self):
        self.world = CrisisWorld()
        user = self.world.person.user
        user.username = "sasha"
        user.save()
        self.world.six_step()
        self.page = self.browser(PHONE)

    def sign_in_as_the_person(self):
        self.sign_in(self.page, "sasha")
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Your record")
        assert_accessible(self.page)

    def caches(self) -> dict:
        """What the phone keeps: every cache and the paths in it."""
        return self.page.evaluate(
            """async () => {
                const found = {};
                for (const name of await caches.keys()) {
                    found[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
                }
                return found;
            }"""
        )


@pytest.fixture
def journey(chromium, live_server):
    journey = Journey(chromium, live_server)
    yield journey
    journey.close()


def test_from_signing_in_to_the_first_call_button_in_two_taps(journey):
    journey.given_a_person_with_an_agreed_six_step_plan()
    journey.sign_in_as_the_person()
    page = journey.page
    journey.go(page.get_by_role("link", name="In a crisis: what to do and who to call"))  # tap one
    expect(page.get_by_role("heading", level=1)).to_have_text("In a crisis")
    call = page.get_by_role("link", name=re.compile("^Call ")).first
    expect(call).to_have_attribute("href", "tel:07700900123")  # tap two rings Jo
    call.scroll_into_view_if_needed()
    box = call.bounding_box()
    assert box and box["height"] >= 44 and box["width"] >= 44  # big enough to hit
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    # A screen reader finds the landmarks and one heading per group, in order.
    assert page.get_by_role("main").count() == 1 and page.get_by_role("banner").count() == 1
    headings = page.locator("main h2").all_inner_texts()
    assert headings[:5] == [
        "Try this first",
        "People to call or text",
        "Professionals and crisis lines",
        "Where to go",
        "Please do not contact",
    ]


def test_reading_one_step_at_a_time_by_keyboard_and_with_text_at_twice_the_size(journey):
    journey.given_a_person_with_an_agreed_six_step_plan()
    journey.sign_in_as_the_person()
    page = journey.page
    page.goto(journey.base + reverse("crisis"))
    page.get_by_role("link", name="Read it one step at a time").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#step-1")).to_be_visible()
    expect(page.locator("#step-2")).to_be_hidden()
    expect(page.locator("#step-1 h2")).to_have_text("Step 1 of 5: Try this first")
    assert_accessible(page)
    page.locator("#step-1").get_by_role("link", name="Next step").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#step-2")).to_be_visible()
    expect(page.locator("#step-1")).to_be_hidden()
    # Keyboard only: Tab reaches the call button of this step.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == "tel:07700900123":
            break
    else:
        pytest.fail("Tab never reached the call button")
    page.locator("#step-2").get_by_role("link", name="Show everything").click()
    expect(page.locator("#step-1")).to_be_visible()
    expect(page.locator("#step-5")).to_be_visible()
    # The wallet card and the plan to send, on the phone: nothing sideways, axe clean.
    for name, query in (("crisis_card", ""), ("crisis_share", "?show=1&part=try&part=people")):
        page.goto(journey.base + reverse(name) + query)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_accessible(page)
    page.goto(journey.base + reverse("crisis") + "#step-2")
    # Text at 200 %: nothing is cut off or scrolls sideways.
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    page.evaluate("window.dispatchEvent(new Event('resize'))")  # the NHS header folds its links again
    page.wait_for_timeout(200)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(page.get_by_role("link", name=re.compile("^Call ")).first).to_be_visible()
    assert_accessible(page)


def test_the_crisis_page_kept_on_the_phone_reads_with_no_signal_and_goes_on_signing_out(journey):
    journey.given_a_person_with_an_agreed_six_step_plan()
    journey.sign_in_as_the_person()
    page = journey.page
    page.goto(journey.base + reverse("crisis"))
    assert page.locator('link[rel="manifest"]').get_attribute("href") == reverse("crisis_manifest")
    journey.go(page.get_by_role("link", name="Keep your crisis plan on this phone"))
    assert_accessible(page)
    page.get_by_role("button", name="Keep my crisis plan on this phone").click()
    expect(page.get_by_role("status")).to_contain_text("It was last saved at", timeout=15000)
    kept = journey.caches()
    assert list(kept) == ["safeplan-crisis-v1"]
    paths = kept["safeplan-crisis-v1"]
    assert reverse("crisis") in paths
    assert all(path == reverse("crisis") or path.startswith("/assets/") for path in paths), paths  # nothing else
    # "Add to home screen": the manifest is sound and nothing but this test browser's private mode stops installing.
    page.goto(journey.base + reverse("crisis"))
    cdp = journey.contexts[0].new_cdp_session(page)
    assert cdp.send("Page.getAppManifest")["errors"] == []
    errors = {error["errorId"] for error in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]}
    assert errors <= {"in-incognito"}, errors

    journey.contexts[0].set_offline(True)
    page.goto(journey.base + reverse("crisis"))
    expect(page.get_by_role("heading", level=1)).to_have_text("In a crisis")
    expect(page.get_by_text("Jo Bright").first).to_be_visible()
    expect(page.get_by_text("This is the copy saved on this phone")).to_be_visible()  # never shown as current
    assert_accessible(page)

    journey.contexts[0].set_offline(False)
    page.goto(journey.base + reverse("crisis"))
    expect(page.get_by_text("This is the copy saved on this phone")).to_be_hidden()  # online: the live page
    page.locator("header").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to safeplan")
    page.wait_for_function(NOTHING_KEPT)

    journey.contexts[0].set_offline(True)
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):  # no worker, no copy: nothing to show
        page.goto(journey.base + reverse("crisis"))


def test_someone_else_signing_in_on_the_phone_removes_the_copy_kept_for_the_person(journey):
    journey.given_a_person_with_an_agreed_six_step_plan()
    other = journey.world.other_person.user
    other.username = "someone-else"
    other.save()
    journey.sign_in_as_the_person()
    page = journey.page
    page.goto(journey.base + reverse("crisis_offline"))
    page.get_by_role("button", name="Keep my crisis plan on this phone").click()
    expect(page.get_by_role("status")).to_contain_text("It was last saved at", timeout=15000)
    assert journey.caches()["safeplan-crisis-v1"]
    journey.contexts[0].clear_cookies()  # the person's session ended without signing out on this phone
    journey.sign_in(page, "someone-else")
    page.wait_for_function(NOTHING_KEPT)

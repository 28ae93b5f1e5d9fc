"""Browser journey: a practitioner's first sign-in sets up an authenticator app from the QR page (typing the secret
shown in text), sees the recovery codes once, and reaches the caseload; signing in again, a recovery code does in
place of the app. Every page passes axe (ADR 0007)."""

from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from playwright.sync_api import expect

from conftest import assert_accessible
from safeplan.people.models import RecoveryCode
from safeplan.people.tests.factories import PASSWORD, CareRelationshipFactory, StaffRoleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def second_factor_on(settings):
    settings.SAFEPLAN_REQUIRE_SECOND_FACTOR = True


class Journey:
    def __init__(self, page, live_server):
        self.page, self.base = page, live_server.url

    # Given
    def given_a_practitioner_who_has_never_signed_in(self):
        care = CareRelationshipFactory(person__full_name="Sasha Whitlock")
        StaffRoleFactory(
            team=care.team, organisation=care.team.organisation, user__username="priya", user__display_name="Priya"
        )

    # When
    def when_they_sign_in_with_their_password(self):
        self.page.goto(self.base + reverse("login"))
        self.page.get_by_label("Username").fill("priya")
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_load_state()

    def then_they_are_asked_to_set_up_an_app_with_a_qr_code_and_the_secret_in_text(self):
        expect(self.page).to_have_title("Set up two-step verification – safeplan")
        expect(self.page.get_by_role("img", name="QR code to scan with your authenticator app")).to_be_visible()
        assert self.page.get_by_role("link", name="Caseload").count() == 0  # nowhere to go until it is set up
        assert_accessible(self.page)
        self.secret = self.page.locator("#second-factor-secret").inner_text()

    def when_they_enter_a_wrong_code_then_the_code_from_their_app(self):
        field = self.page.get_by_label("Enter the 6-digit code from your authenticator app")
        field.fill("12345")
        self.page.get_by_role("button", name="Confirm").click()
        expect(self.page).to_have_title("Error: Set up two-step verification – safeplan")
        assert_accessible(self.page)
        key = b32decode(self.secret.replace(" ", ""))  # what an app does with the typed-in key
        field.fill(f"{totp(key):06d}")
        self.page.get_by_role("button", name="Confirm").click()
        self.page.wait_for_load_state()

    def then_they_see_ten_recovery_codes_once(self):
        expect(self.page).to_have_title("Save your recovery codes – safeplan")
        expect(self.page.get_by_role("heading", name="You will not see these codes again")).to_be_visible()
        codes = self.page.locator("#recovery-codes code").all_inner_texts()
        assert len(codes) == 10
        stored = "".join(RecoveryCode.objects.values_list("code_hash", flat=True))
        assert not any(code.replace("-", "") in stored for code in codes)
        assert_accessible(self.page)
        self.codes = codes

    def when_they_carry_on(self):
        self.page.get_by_role("button", name="I have saved my recovery codes").click()
        self.page.wait_for_load_state()

    def then_they_reach_their_caseload(self):
        expect(self.page).to_have_title("Your caseload – safeplan")
        expect(self.page.get_by_role("link", name="Sasha Whitlock")).to_be_visible()
        assert self.codes[0] not in self.page.content()
        assert_accessible(self.page)

    def when_they_sign_out_and_in_again(self):
        self.page.get_by_role("button", name="Sign out").click()
        self.page.wait_for_load_state()
        self.when_they_sign_in_with_their_password()

    def then_they_are_asked_for_a_code_and_a_recovery_code_will_do(self):
        expect(self.page).to_have_title("Check it’s you – safeplan")
        assert_accessible(self.page)
        self.page.get_by_label("Enter the 6-digit code from your authenticator app").fill(self.codes[0])
        self.page.get_by_role("button", name="Continue").click()
        self.page.wait_for_load_state()
        expect(
            self.page.get_by_text("You used a recovery code. It will not work again. You have 9 left.")
        ).to_be_visible()

    def then_change_password_leads_to_their_two_step_verification_settings(self):
        self.page.get_by_role("link", name="Change password").click()
        self.page.get_by_role("link", name="Manage two-step verification").click()
        expect(self.page).to_have_title("Two-step verification – safeplan")
        expect(
            self.page.get_by_text("Because you can see people’s records, two-step verification stays on.")
        ).to_be_visible()
        assert self.page.get_by_role("button", name="Turn off").count() == 0
        assert_accessible(self.page)


def test_a_practitioner_sets_up_the_app_at_first_sign_in_and_reaches_the_caseload(page, live_server):
    journey = Journey(page, live_server)
    journey.given_a_practitioner_who_has_never_signed_in()
    journey.when_they_sign_in_with_their_password()
    journey.then_they_are_asked_to_set_up_an_app_with_a_qr_code_and_the_secret_in_text()
    journey.when_they_enter_a_wrong_code_then_the_code_from_their_app()
    journey.then_they_see_ten_recovery_codes_once()
    journey.when_they_carry_on()
    journey.then_they_reach_their_caseload()
    journey.when_they_sign_out_and_in_again()
    journey.then_they_are_asked_for_a_code_and_a_recovery_code_will_do()
    journey.then_they_reach_their_caseload()
    journey.then_change_password_leads_to_their_two_step_verification_settings()
    # the QR code is drawn on the server: nothing but the NHS font was asked of another host
    assert all(url.startswith("https://assets.nhs.uk/fonts/") for url in page.context.guard.blocked)

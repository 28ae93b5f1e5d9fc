"""The crisis page over emulated Slow 4G (DevTools protocol through Playwright, Debian Chromium): LCP and bytes
transferred, cold (nothing cached) and warm (its assets cached), in interleaved rounds; median and spread.

Slow 4G as Chromium's DevTools defines it: 562.5 ms round trip, 180 KB/s down, 84 KB/s up. The person signs in
first (unthrottled); each cold round empties the browser's cache and then opens the page once, each warm round opens
it again with its assets cached. Every response must be 2xx or a 304, and the page must be the crisis page (not a
redirect to sign in), or the run fails. Bytes are what crossed the network (headers and compressed bodies).

    uv run python bench/phone.py http://localhost:8766 [server pid]
"""

import os
import shutil
import statistics
import sys

from playwright.sync_api import sync_playwright

SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 180 * 1024, "uploadThroughput": 84 * 1024}
UNTHROTTLED = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
TARGETS = {"cold LCP (ms)": 2500, "warm LCP (ms)": 1000, "warm bytes (KB)": 60}
LCP = """() => new Promise((resolve) => {
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    resolve(entries[entries.length - 1].startTime);
  }).observe({ type: "largest-contentful-paint", buffered: true });
})"""


def main(base: str, pid: str | None) -> int:
    rounds = int(os.environ.get("BENCH_ROUNDS", "5"))
    if pid and not os.path.exists(f"/proc/{pid}"):
        print(f"the server the bench started (pid {pid}) is not running")
        return 1
    results: dict[str, list[float]] = {
        name: [] for name in ("cold LCP (ms)", "cold bytes (KB)", "warm LCP (ms)", "warm bytes (KB)")
    }
    with sync_playwright() as playwright:
        # Loopback only, as in the browser tests (the NHS font host, assets.nhs.uk, included): by the resolver, because
        # Playwright's request routing would turn the browser's cache off and make every visit cold.
        only_loopback = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox", only_loopback]
        )
        context = browser.new_context(viewport={"width": 360, "height": 640}, device_scale_factor=2, is_mobile=True)
        page = context.new_page()
        page.goto(base + "/accounts/login/")
        page.get_by_label("Username").fill("rowan")
        page.get_by_label("Password").fill(os.environ.get("SAFEPLAN_DEMO_PASSWORD", "safeplan-demo-2026"))
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        sent: list[float] = []
        blocked: list[str] = []
        bad: list[str] = []
        cdp.on("Network.loadingFinished", lambda event: sent.append(event["encodedDataLength"]))
        cdp.on("Network.loadingFailed", lambda event: blocked.append(event.get("errorText", "")))
        cdp.on(
            "Network.responseReceived",
            lambda event: (
                bad.append(f"{event['response']['status']} {event['response']['url']}")
                if event["response"]["status"] >= 400 or 300 <= event["response"]["status"] < 304
                else None
            ),
        )

        def visit(kind: str) -> None:
            if kind == "cold":
                cdp.send("Network.clearBrowserCache")
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            sent.clear()
            page.goto(base + "/your-record/crisis/", wait_until="load")
            if not page.url.endswith("/your-record/crisis/") or page.locator("h1").inner_text() != "In a crisis":
                raise SystemExit(f"not the crisis page: {page.url}")
            lcp = page.evaluate(LCP)
            page.wait_for_timeout(300)  # late loadingFinished events
            cdp.send(
                "Network.emulateNetworkConditions",
                {**SLOW_4G, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
            )
            results[f"{kind} LCP (ms)"].append(lcp)
            results[f"{kind} bytes (KB)"].append(sum(sent) / 1024)

        for _ in range(rounds):  # interleaved: cold, warm, cold, warm …
            visit("cold")
            visit("warm")
        if bad:
            print("responses that were not 2xx or 304:", *sorted(set(bad)), sep="\n  ")
            return 1
        browser.close()
    print(f"The crisis page over Slow 4G (562.5 ms RTT, 180 KB/s down), {rounds} interleaved rounds, 360 x 640:")
    print(
        f"  (only loopback resolves, as in the browser tests; {len(blocked)} requests elsewhere failed: the NHS fonts)"
    )
    failed = False
    for name, values in results.items():
        median = statistics.median(values)
        line = f"  {name:<16} median {median:7.1f}   spread {min(values):7.1f} – {max(values):7.1f}"
        if name in TARGETS:
            ok = median <= TARGETS[name]
            failed |= not ok
            line += f"   target ≤ {TARGETS[name]}: {'PASS' if ok else 'FAIL'}"
        print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))

// Crisis mode (crisis/service_worker.js): keeping the crisis page on this phone, when the person turns it on; and
// removing a copy on signing out, or when someone else signs in here. Loaded on every page (site/navigation.py), the
// sign-in page too. Progressive enhancement: nothing else needs it.
const OFFLINE_CACHE = "safeplan-crisis-v1";
const CRISIS_SCOPE = "/your-record/crisis/";
const crisisPage = document.body.dataset.crisisPage;
const signedInAs = document.body.dataset.signedInAs;
const offlineWorker = async () =>
  "serviceWorker" in navigator ? navigator.serviceWorker.getRegistration(CRISIS_SCOPE) : undefined;
const savedCopy = async () => ("caches" in window ? (await caches.open(OFFLINE_CACHE)).match(CRISIS_SCOPE) : undefined);
const askWorker = (worker, message, waitMs = 20000) =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve("no-answer"), waitMs);
    const answer = (event) => {
      if (!["saved", "not-saved", "forgotten"].includes(event.data)) return;
      clearTimeout(timer);
      navigator.serviceWorker.removeEventListener("message", answer);
      resolve(event.data);
    };
    navigator.serviceWorker.addEventListener("message", answer);
    navigator.serviceWorker.startMessages();
    worker.postMessage(message);
  });
const forgetOffline = async () => {
  const registration = await offlineWorker();
  if (registration && registration.active) await askWorker(registration.active, "forget", 3000);
  for (const each of "serviceWorker" in navigator ? await navigator.serviceWorker.getRegistrations() : []) {
    await each.unregister();
  }
  if ("caches" in window) {
    for (const name of await caches.keys()) if (name.startsWith("safeplan-crisis")) await caches.delete(name);
  }
};

// Signed out (core/views/auth.py): the Clear-Site-Data header removes the copy; this does too, for browsers without it.
if (document.cookie.split("; ").includes("safeplan-forget-offline=1")) {
  forgetOffline().finally(() => {
    document.cookie = "safeplan-forget-offline=; Max-Age=0; Path=/; SameSite=Strict";
  });
}

// Signed in: a copy kept in this browser for anyone else (someone signed in here before) goes at once. Signed in as
// its owner, with signal, and the copy over five minutes old: bring it up to date (a change to the plan reaches the
// phone the next time the person opens safeplan with signal).
if (signedInAs) {
  offlineWorker().then(async (registration) => {
    const copy = registration ? await savedCopy() : undefined;
    if (copy && copy.headers.get("X-Safeplan-Owner") !== signedInAs) {
      await forgetOffline();
      return;
    }
    const saved = copy ? new Date(copy.headers.get("X-Safeplan-Saved-At")) : null;
    if (crisisPage && registration && registration.active && navigator.onLine &&
        (!saved || Date.now() - saved.getTime() > 5 * 60 * 1000)) {
      registration.active.postMessage("refresh");
    }
  });
}

// The "Keep your crisis plan on this phone" page.
const offline = document.querySelector("[data-offline]");
if (offline) {
  const words = offline.querySelector("[data-offline-words]").dataset;
  const status = offline.querySelector("[data-offline-status]");
  const say = (text) => {
    status.textContent = text;
  };
  const when = (date) => date.toLocaleString(document.documentElement.lang || "en-GB", { dateStyle: "long", timeStyle: "short" });
  const show = async () => {
    const copy = (await offlineWorker()) ? await savedCopy() : undefined;
    say(copy ? words.saved.replace("{when}", when(new Date(copy.headers.get("X-Safeplan-Saved-At")))) : words.notKept);
  };
  if (!("serviceWorker" in navigator) || !("caches" in window)) {
    offline.classList.add("safeplan-offline--unsupported");
    say(words.unsupported);
  } else {
    offline.classList.add("safeplan-offline--ready");
    show();
    offline.querySelector("[data-offline-action=on]").addEventListener("click", async () => {
      try {
        await navigator.serviceWorker.register(crisisPage + "sw.js", { scope: crisisPage, type: "classic" });
        const registration = await navigator.serviceWorker.ready;
        if ((await askWorker(registration.active, "keep")) === "saved") {
          await show();
          return;
        }
      } catch {
        // fall through: nothing half-kept is left behind
      }
      await forgetOffline();
      say(words.failed);
    });
    offline.querySelector("[data-offline-action=off]").addEventListener("click", async () => {
      await forgetOffline();
      say(words.removed);
    });
  }
}

// Progressive enhancement only: every page works without this.
import { initAll } from "/assets/nhsuk/nhsuk-frontend.min.js";
initAll();

// The language guide (people/wording.py): as staff write in the care team's own voice, a gentle hint under the field
// for any phrase in the guide. Never blocking; the same hints come from the server when the words are saved.
const guideData = document.getElementById("language-guide");
if (guideData) {
  const GAP = "[\\s\\-\\u2010\\u2011\\u2013]+";
  const escape = (word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const guide = [];
  for (const hint of JSON.parse(guideData.textContent)) {
    try {
      const words = hint.phrase.trim().split(new RegExp(GAP, "u")).map(escape).join(GAP);
      guide.push({ ...hint, pattern: new RegExp("(?<![\\p{L}\\p{N}_\\-\\u2010\\u2011])" + words + "(?![\\p{L}\\p{N}_\\-\\u2010\\u2011])", "iu") });
    } catch {
      // an older browser without lookbehind: the server's hints on saving still come
    }
  }
  const form = document.querySelector("form[data-language-hints]");
  const careTeamVoice = () => {
    const voice = form.querySelector("[name=voice]:checked, select[name=voice]");
    return !voice || voice.value.startsWith("care_team");
  };
  form.querySelectorAll("textarea, input[type=text]").forEach((field, index) => {
    const note = document.createElement("div");
    note.className = "nhsuk-hint safeplan-language-hint";
    note.id = `language-hint-${index}`;
    note.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", note);
    field.setAttribute("aria-describedby", `${field.getAttribute("aria-describedby") || ""} ${note.id}`.trim());
    let timer;
    field.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const words = careTeamVoice()
          ? guide
              .filter((hint) => hint.pattern.test(field.value))
              .map((hint) => `A word to think about: you wrote “${hint.phrase}”. You could write: ${hint.alternative}. ${hint.why}`)
              .join(" ")
          : "";
        if (note.textContent !== words) note.textContent = words;
      }, 600);
    });
  });
}

// Crisis mode (crisis/service_worker.js): keeping the crisis page on this phone, when the person turns it on.
const OFFLINE_CACHE = "safeplan-crisis-v1";
const crisisPage = document.body.dataset.crisisPage;
const offlineWorker = async () =>
  crisisPage && "serviceWorker" in navigator ? navigator.serviceWorker.getRegistration(crisisPage) : undefined;
const savedAt = async () => {
  if (!crisisPage || !("caches" in window)) return null;
  const copy = await (await caches.open(OFFLINE_CACHE)).match(crisisPage);
  return copy ? new Date(copy.headers.get("X-Safeplan-Saved-At")) : null;
};
const askWorker = (worker, message) =>
  new Promise((resolve) => {
    navigator.serviceWorker.addEventListener("message", (event) => resolve(event.data), { once: true });
    navigator.serviceWorker.startMessages();
    worker.postMessage(message);
  });
const forgetOffline = async () => {
  for (const registration of "serviceWorker" in navigator ? await navigator.serviceWorker.getRegistrations() : []) {
    await registration.unregister();
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

// Any page of the person's, with the copy kept and over five minutes old: bring it up to date (a change to the plan
// reaches the phone the next time the person opens safeplan with signal).
offlineWorker().then(async (registration) => {
  const worker = registration && registration.active;
  const saved = worker ? await savedAt() : null;
  if (worker && navigator.onLine && (!saved || Date.now() - saved.getTime() > 5 * 60 * 1000)) {
    worker.postMessage("refresh");
  }
});

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
    const saved = (await offlineWorker()) ? await savedAt() : null;
    say(saved ? words.saved.replace("{when}", when(saved)) : words.notKept);
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
        const answer = await askWorker(registration.active, "refresh");
        if (answer === "saved") await show();
        else say(words.failed);
      } catch {
        say(words.failed);
      }
    });
    offline.querySelector("[data-offline-action=off]").addEventListener("click", async () => {
      await forgetOffline();
      say(words.removed);
    });
  }
}

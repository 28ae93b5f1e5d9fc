// Keeps the person's crisis page on their phone, readable with no signal (crisis/views.py serves this file).
// Registered only when the person turns it on, with the crisis page's folder as its scope. It keeps one page and the
// files that page uses, in one cache, and nothing else: every other response goes to the network untouched.
//
// Opening the crisis page asks the network first. The saved copy is shown only when the network gives no page: no
// signal, no answer within 3 seconds, a server error, or a redirect to sign in (signed out by time). A copy shown is
// marked as one (data-copy="saved": the page's CSS shows the notice with the time it was saved). A refusal (404) is
// shown as it is: the copy is never shown in place of an answer meant for someone else. The copy records whose it
// is (an opaque token of the account); a page signed in as anyone else removes it (crisis/static/crisis/offline.js).
// Signing out clears the site's storage (the Clear-Site-Data header), which removes this cache and this worker.
const CACHE = "safeplan-crisis-v1";
const SCOPE = new URL(self.registration.scope).pathname;
const PAGE = SCOPE; // the crisis page is the scope's own address
const ASSET = /(?:href|src)="(\/assets\/[^"]+)"/g;
const OWNER = /data-signed-in-as="([0-9a-f]+)"/;
const WAIT_MS = 3000;
let forgotten = false; // "Remove it from this phone" was pressed: nothing may be kept again by this worker

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("safeplan-crisis") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

const isPage = (response) => response.ok && !response.redirected && new URL(response.url).pathname === PAGE;

function fetchPage(keeping) {
  // When only the copy is being brought up to date (not the person opening the page), the header says so: the
  // server audits it as that, not as a visit.
  const headers = keeping ? { "X-Safeplan-Keeping": "1" } : {};
  return fetch(PAGE, { credentials: "same-origin", cache: "no-store", headers });
}

// Keep the page and the files it uses (nothing else), if it is the page. Resolves to whether it was kept.
async function keep(response) {
  if (forgotten || !isPage(response)) return false;
  const html = await response.text();
  const cache = await caches.open(CACHE);
  const assets = [...new Set([...html.matchAll(ASSET)].map((match) => match[1]))];
  await Promise.all(
    assets.map(async (url) => {
      if (!(await cache.match(url))) {
        const asset = await fetch(url, { credentials: "same-origin" });
        if (asset.ok && !forgotten) await cache.put(url, asset);
      }
    }),
  );
  if (forgotten) return false;
  const headers = new Headers(response.headers);
  headers.set("X-Safeplan-Saved-At", new Date().toISOString());
  headers.set("X-Safeplan-Owner", (html.match(OWNER) || [, ""])[1]);
  await cache.put(PAGE, new Response(html, { status: 200, headers }));
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path !== PAGE && !assets.includes(path)) await cache.delete(request); // files an older page used
  }
  return true;
}

// The saved copy, marked as one, or null.
async function savedCopy() {
  const copy = await (await caches.open(CACHE)).match(PAGE);
  if (!copy) return null;
  const html = (await copy.text()).replace('data-copy="live"', 'data-copy="saved"');
  return new Response(html, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function openCrisisPage(event) {
  const network = fetchPage(false);
  event.waitUntil(network.then((response) => keep(response.clone())).catch(() => false));
  const late = new Promise((resolve) => setTimeout(() => resolve("late"), WAIT_MS));
  let response;
  try {
    response = await Promise.race([network, late]);
  } catch {
    response = "offline";
  }
  if (response !== "late" && response !== "offline") {
    if (isPage(response)) return response;
    const signedOut = response.redirected; // to the sign-in page
    if (!signedOut && response.status < 500) return response; // a refusal: as it is, never someone's copy
    const copy = await savedCopy();
    if (copy) return copy;
    return signedOut ? Response.redirect(response.url, 303) : response;
  }
  const copy = await savedCopy();
  if (copy) return copy;
  try {
    const answer = await network; // no copy: wait for the network after all
    return answer.redirected ? Response.redirect(answer.url, 303) : answer;
  } catch {
    return Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || event.request.method !== "GET") return;
  if (event.request.mode === "navigate" && url.pathname === PAGE) {
    event.respondWith(openCrisisPage(event));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(
      (async () => (await (await caches.open(CACHE)).match(url.pathname)) || fetch(event.request))(),
    );
  }
});

self.addEventListener("message", (event) => {
  const reply = (message) => event.source && event.source.postMessage(message);
  if (event.data === "keep" || event.data === "refresh") {
    if (event.data === "keep") forgotten = false; // turned on again; a background refresh never undoes "remove"
    event.waitUntil(
      fetchPage(true)
        .then(keep)
        .then((kept) => reply(kept ? "saved" : "not-saved"))
        .catch(() => reply("not-saved")),
    );
  } else if (event.data === "forget") {
    forgotten = true;
    event.waitUntil(caches.delete(CACHE).then(() => reply("forgotten")));
  }
});

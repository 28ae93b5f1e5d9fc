// Keeps the person's crisis page on their phone, readable with no signal (crisis/views.py serves this file).
// Registered only when the person turns it on, with the crisis page's folder as its scope. It keeps one page and the
// files that page uses, in one cache, and nothing else: every other response goes to the network untouched.
// The page is fetched fresh whenever there is a connection; the copy is shown only when the network cannot give it
// (no signal, or signed out by time), marked as a saved copy with the time it was saved. Signing out clears the site's
// storage (the Clear-Site-Data header), which removes this cache and this worker.
const CACHE = "safeplan-crisis-v1";
const SCOPE = new URL(self.registration.scope).pathname;
const PAGE = SCOPE; // the crisis page is the scope's own address
const ASSET = /(?:href|src)="(\/assets\/[^"]+)"/g;

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

// Fetch the page; keep it and its files if it came back as the page (not a redirect to sign in). Returns the response.
async function refresh() {
  const response = await fetch(PAGE, { credentials: "same-origin", cache: "no-store", redirect: "follow" });
  if (!response.ok || response.redirected || new URL(response.url).pathname !== PAGE) return response;
  const html = await response.clone().text();
  const cache = await caches.open(CACHE);
  const assets = [...new Set([...html.matchAll(ASSET)].map((match) => match[1]))];
  await Promise.all(
    assets.map(async (url) => {
      if (!(await cache.match(url))) {
        const asset = await fetch(url, { credentials: "same-origin" });
        if (asset.ok) await cache.put(url, asset);
      }
    }),
  );
  const saved = new Headers(response.headers);
  saved.set("X-Safeplan-Saved-At", new Date().toISOString());
  await cache.put(PAGE, new Response(html, { status: 200, headers: saved }));
  // Files the page no longer uses (an older version of the site) go.
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path !== PAGE && !assets.includes(path)) await cache.delete(request);
  }
  return response;
}

// The saved copy, marked as one: the page's CSS shows the "saved on this phone" notice for data-copy="saved".
async function savedCopy() {
  const cache = await caches.open(CACHE);
  const copy = await cache.match(PAGE);
  if (!copy) return null;
  const html = (await copy.text()).replace('data-copy="live"', 'data-copy="saved"');
  return new Response(html, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || event.request.method !== "GET") return;
  if (event.request.mode === "navigate" && url.pathname === PAGE) {
    event.respondWith(
      (async () => {
        try {
          const response = await refresh();
          if (response.ok && !response.redirected) return response;
          return (await savedCopy()) || Response.redirect(response.url, 303);
        } catch {
          return (await savedCopy()) || Response.error();
        }
      })(),
    );
    return;
  }
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(
      (async () => (await (await caches.open(CACHE)).match(url.pathname)) || fetch(event.request))(),
    );
  }
});

self.addEventListener("message", (event) => {
  const reply = (message) => event.source && event.source.postMessage(message);
  if (event.data === "refresh") {
    event.waitUntil(
      refresh()
        .then((response) => reply(response.ok && !response.redirected ? "saved" : "not-saved"))
        .catch(() => reply("not-saved")),
    );
  } else if (event.data === "forget") {
    event.waitUntil(caches.delete(CACHE).then(() => reply("forgotten")));
  }
});

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

// Progressive enhancement only: every page works without this.
import { initAll } from "/assets/nhsuk/nhsuk-frontend.min.js";
initAll();

// The language guide (people/wording.py): as staff write, a gentle hint under the field for any phrase in the guide.
// Never blocking; the same hints come from the server when the words are saved, so nothing depends on this.
const guideData = document.getElementById("language-guide");
if (guideData) {
  const escape = (word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const guide = JSON.parse(guideData.textContent).map((hint) => ({
    ...hint,
    pattern: new RegExp("(?<![\\w-])" + hint.phrase.trim().split(/[\s-]+/).map(escape).join("[\\s-]+") + "(?![\\w-])", "i"),
  }));
  const fields = "form[data-language-hints] textarea, form[data-language-hints] input[type=text]";
  for (const field of document.querySelectorAll(fields)) {
    const note = document.createElement("div");
    note.className = "nhsuk-hint safeplan-language-hint";
    note.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", note);
    field.addEventListener("input", () => {
      note.textContent = guide
        .filter((hint) => hint.pattern.test(field.value))
        .map((hint) => `A word to think about: you wrote “${hint.phrase}”. You could write: ${hint.alternative}. ${hint.why}`)
        .join(" ");
    });
  }
}

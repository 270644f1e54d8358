// Parts of a page that take long to compute (similar records, thematic clusters) are pages of
// their own: each placeholder links to its page, which works without script. Here the placeholder
// is replaced, once the page is shown, by the element of the same id on that page.
"use strict";

for (const holder of document.querySelectorAll("[data-fragment]")) {
  holder.setAttribute("aria-busy", "true");
  fetch(holder.getAttribute("data-fragment"), { credentials: "same-origin" })
    .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
    .then((html) => {
      const part = new DOMParser().parseFromString(html, "text/html").getElementById(holder.id);
      if (part) holder.replaceWith(document.importNode(part, true));
    })
    .catch(() => holder.removeAttribute("aria-busy")); // the link stays
}

// A "copy" button beside text meant to be copied (the citation of a record).
for (const field of document.querySelectorAll("[data-copy]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "copy";
  button.textContent = field.getAttribute("data-copy"); // translated by the page
  button.addEventListener("click", () => {
    field.select();
    navigator.clipboard?.writeText(field.value).catch(() => document.execCommand("copy"));
  });
  field.after(button);
}

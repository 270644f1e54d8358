// Plan pages, when scripts run (the page works without): after "Add agency" the browser comes back
// at #agencies, and browsers skip `autofocus` when the address names a fragment (and the scroll to
// the fragment drops a focus given before "load"), so the field for the next agency is focused
// here, once the page is loaded: the next name can be typed at once.
window.addEventListener("load", () => {
  const field = document.querySelector("[data-refocus]");
  if (field && window.location.hash === "#" + field.dataset.refocus) {
    field.focus();
  }
});

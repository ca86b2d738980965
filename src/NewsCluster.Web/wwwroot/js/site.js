// Small comforts only: every page works without this script.
// Forms marked data-confirm ask before they submit (editor actions).
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) event.preventDefault();
});

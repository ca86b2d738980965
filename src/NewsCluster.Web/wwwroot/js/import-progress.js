// Import progress: while an import is queued or running, polls GET /api/imports/{id}?items=false and updates the
// status, counts and progress bar in place; when the import ends, reloads once so the server renders the full
// outcome table. Without JavaScript the page refreshes itself through a <noscript> meta refresh instead.
(function () {
  "use strict";

  var section = document.getElementById("import-progress");
  if (!section) return;
  var url = section.dataset.statusUrl;
  var status = section.dataset.status;
  if (!url || !isActive(status)) return;

  var badge = document.getElementById("import-status");
  var bar = document.getElementById("import-progress-bar");
  var text = document.getElementById("import-progress-text");
  var errorBox = document.getElementById("import-error");
  var badgeClasses = { queued: "text-bg-secondary", running: "text-bg-primary", done: "text-bg-success", failed: "text-bg-danger" };
  var interval = 1000;
  var failures = 0;

  function isActive(value) {
    return value === "queued" || value === "running";
  }

  function setField(name, value) {
    var nodes = section.ownerDocument.querySelectorAll('[data-field="' + name + '"]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = value;
  }

  function formatTime(iso) {
    if (!iso) return "not yet";
    // "2026-11-21T05:20:32.123Z" -> "2026-11-21 05:20:32 UTC", as the server renders it.
    return String(iso).replace("T", " ").replace(/\.\d+/, "").replace(/Z$/, "") + " UTC";
  }

  function update(job) {
    setField("processed", job.processed);
    setField("ingested", job.ingested);
    setField("duplicates", job.duplicates);
    setField("rejected", job.rejected);
    setField("startedUtc", formatTime(job.startedUtc));
    setField("finishedUtc", formatTime(job.finishedUtc));
    if (job.error) {
      errorBox.textContent = job.error;
      errorBox.hidden = false;
    }
    if (job.status !== status) {
      badge.classList.remove(badgeClasses[status]);
      badge.classList.add(badgeClasses[job.status] || "text-bg-secondary");
      badge.textContent = job.status;
      status = job.status;
      section.dataset.status = status;
    }
    if (job.status === "running") {
      text.textContent = "Importing\u2026 " + job.processed.toLocaleString() + " items so far. This page updates by itself; you can leave it and come back from Imports.";
    } else if (!isActive(job.status)) {
      bar.max = 1;
      bar.value = 1;
      text.textContent = job.status === "done" ? "Finished. Loading the outcomes\u2026" : "The import failed.";
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (job) {
        failures = 0;
        update(job);
        if (isActive(job.status)) {
          window.setTimeout(poll, interval);
        } else {
          window.location.reload();
        }
      })
      .catch(function () {
        // The server may be restarting: keep trying, less often.
        failures++;
        text.textContent = "Lost contact with the server; retrying\u2026";
        window.setTimeout(poll, Math.min(interval * Math.pow(2, failures), 15000));
      });
  }

  window.setTimeout(poll, interval);
})();

// Upload page comfort: drag-and-drop onto the drop zone, a list of the chosen files, and a client-side check of the
// server's limits before anything is sent. The form works without this script; the server enforces the limits too.
(function () {
  "use strict";

  var form = document.getElementById("upload-form");
  var input = document.getElementById("files");
  if (!form || !input) return;

  var zone = document.getElementById("drop-zone");
  var errorBox = document.getElementById("upload-client-error");
  var selected = document.getElementById("selected-files");
  var list = document.getElementById("selected-list");
  var summary = document.getElementById("selected-summary");
  var clear = document.getElementById("upload-clear");
  var submit = document.getElementById("upload-submit");
  var busy = document.getElementById("upload-busy");
  var maxBytes = Number(form.dataset.maxBytes);
  var maxFiles = Number(form.dataset.maxFiles);
  var maxSizeText = form.dataset.maxSizeText || "";
  var shownFiles = 20;

  function formatBytes(bytes) {
    var units = ["bytes", "KB", "MB", "GB", "TB"];
    var value = bytes;
    var unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    var digits = unit === 0 || value >= 100 || value % 1 === 0 ? 0 : 1;
    return value.toFixed(digits) + " " + units[unit];
  }

  function totalBytes(files) {
    var total = 0;
    for (var i = 0; i < files.length; i++) total += files[i].size;
    return total;
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  // Returns a readable reason when the selection breaks a limit, or "" when it can be sent.
  function limitProblem(files) {
    if (files.length === 0) return "Choose at least one file or archive to upload.";
    if (files.length > maxFiles) {
      return "Too many files: " + files.length.toLocaleString() + " chosen, at most " + maxFiles.toLocaleString() +
        " per upload. Put them in an archive (.zip, .tar.gz) or upload them in parts.";
    }
    var total = totalBytes(files);
    if (total > maxBytes) {
      return "Too large: the files add up to " + formatBytes(total) + ", and the server accepts at most " + maxSizeText +
        " per upload. Upload them in parts.";
    }
    return "";
  }

  function render() {
    var files = input.files;
    list.textContent = "";
    selected.hidden = files.length === 0;
    clear.hidden = files.length === 0;
    for (var i = 0; i < files.length && i < shownFiles; i++) {
      var item = document.createElement("li");
      item.className = "d-flex justify-content-between gap-3";
      var name = document.createElement("span");
      name.className = "text-truncate";
      name.textContent = files[i].name;
      var size = document.createElement("span");
      size.className = "text-muted text-nowrap";
      size.textContent = formatBytes(files[i].size);
      item.appendChild(name);
      item.appendChild(size);
      list.appendChild(item);
    }
    if (files.length > shownFiles) {
      var more = document.createElement("li");
      more.className = "text-muted";
      more.textContent = "and " + (files.length - shownFiles).toLocaleString() + " more";
      list.appendChild(more);
    }
    summary.textContent = files.length.toLocaleString() + (files.length === 1 ? " file, " : " files, ") + formatBytes(totalBytes(files));
    showError(files.length === 0 ? "" : limitProblem(files));
  }

  // Adds dropped files to those already chosen; DataTransfer is the only way to build a FileList.
  function addFiles(dropped) {
    if (typeof DataTransfer !== "function") {
      showError("This browser cannot take dropped files; choose them with the file button instead.");
      return;
    }
    var transfer = new DataTransfer();
    var seen = {};
    var all = Array.prototype.slice.call(input.files).concat(Array.prototype.slice.call(dropped));
    all.forEach(function (file) {
      var key = file.name + "/" + file.size + "/" + file.lastModified;
      if (seen[key]) return;
      seen[key] = true;
      transfer.items.add(file);
    });
    input.files = transfer.files;
    render();
  }

  if (zone) {
    var depth = 0;
    zone.addEventListener("dragenter", function (event) {
      event.preventDefault();
      depth++;
      zone.classList.add("drop-zone-active");
    });
    zone.addEventListener("dragover", function (event) {
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    });
    zone.addEventListener("dragleave", function () {
      depth = Math.max(0, depth - 1);
      if (depth === 0) zone.classList.remove("drop-zone-active");
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      depth = 0;
      zone.classList.remove("drop-zone-active");
      if (event.dataTransfer && event.dataTransfer.files.length > 0) addFiles(event.dataTransfer.files);
    });
    zone.classList.add("drop-zone-enabled");
  }

  // A file dropped beside the zone must not make the browser navigate away to it.
  window.addEventListener("dragover", function (event) { event.preventDefault(); });
  window.addEventListener("drop", function (event) { event.preventDefault(); });

  input.addEventListener("change", render);

  clear.addEventListener("click", function () {
    input.value = "";
    render();
    input.focus();
  });

  form.addEventListener("submit", function (event) {
    var problem = limitProblem(input.files);
    if (problem) {
      event.preventDefault();
      showError(problem);
      errorBox.scrollIntoView({ block: "nearest" });
      return;
    }
    submit.disabled = true;
    busy.hidden = false;
  });

  // Back from the progress page, the browser may restore the disabled state: undo it.
  window.addEventListener("pageshow", function () {
    submit.disabled = false;
    busy.hidden = true;
    render();
  });
})();

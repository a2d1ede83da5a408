// The waiting page, better with JavaScript: asks the job's state every second, updates
// the status (announced by screen readers: role=status) and starts the download once the
// report is ready. Without JavaScript the page refreshes itself (meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var state = box.getAttribute("data-state");
  if (state === "done" || state === "failed") { return; }
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (refresh) { refresh.parentNode.removeChild(refresh); }
  var url = "/jobs/" + encodeURIComponent(box.getAttribute("data-job")) + ".json?lang=" +
    encodeURIComponent(box.getAttribute("data-lang"));
  var status = document.getElementById("status");
  function ask() {
    fetch(url, { cache: "no-store", credentials: "same-origin" }).then(function (r) {
      return r.json();
    }).then(function (job) {
      if (job.text && status.textContent !== job.text) { status.textContent = job.text; }
      if (job.state === "done") {
        var link = document.getElementById("download");
        link.setAttribute("href", job.download);
        document.getElementById("ready").hidden = false;
        var bar = box.querySelector("progress");
        if (bar) { bar.parentNode.removeChild(bar); }
        window.location.assign(job.download);
      } else if (job.state === "failed" || job.state === "unknown") {
        window.location.reload();
      } else {
        window.setTimeout(ask, 1000);
      }
    }).catch(function () { window.setTimeout(ask, 2000); });
  }
  window.setTimeout(ask, 500);
})();

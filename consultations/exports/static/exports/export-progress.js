// Polls an export job's status (JSON) and updates its progress bar and live region;
// reloads the page once the export has finished, to show the download link.
// Without JavaScript the page offers a "Check progress" link instead.
(function () {
  "use strict";
  var box = document.querySelector(".export-job[data-export-running]");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-export-status-url");
  var bar = box.querySelector("progress");
  var status = box.querySelector("#export-status");
  var check = box.querySelector("[data-export-check]");
  if (check) {
    check.hidden = true;
  }
  var lastAnnounced = -1;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (job) {
        if (!job) {
          return;
        }
        bar.value = job.percent;
        bar.textContent = job.percent + "%";
        // Announce every 10 percentage points, not every poll.
        var step = Math.floor(job.percent / 10);
        if (step !== lastAnnounced) {
          lastAnnounced = step;
          var rows = (box.getAttribute("data-rows-text") || "")
            .replace("{done}", job.rows_done)
            .replace("{total}", job.rows_total);
          status.textContent = job.status_label + ". " + rows;
        }
        if (job.status === "done" || job.status === "failed" || job.status === "expired") {
          window.location.reload();
          return;
        }
        window.setTimeout(poll, 1500);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 1000);
})();

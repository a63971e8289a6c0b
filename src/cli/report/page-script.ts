import { createHash } from "node:crypto"

/**
 * The only script of the pages: the index's filters. In the report file it shows and hides the
 * table's rows; in the web view the form is a plain GET form that works without it, and the
 * script only submits it on change. It reads the data from the rows' attributes, never from text.
 */
export const FILTER_SCRIPT = `(function () {
  var form = document.getElementById("figure-filter");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("#figure-table tbody tr"));
  var count = document.getElementById("figure-count");
  function apply() {
    var want = { event: form.elements.event.value, metric: form.elements.metric.value, status: form.elements.status.value };
    var shown = 0;
    rows.forEach(function (tr) {
      var ok = (!want.event || tr.dataset.event === want.event) && (!want.metric || tr.dataset.metric === want.metric) &&
        (!want.status || tr.dataset.status === want.status);
      tr.hidden = !ok;
      if (ok) shown++;
    });
    if (count) count.textContent = shown + " of " + rows.length + " figures";
  }
  if (form.dataset.mode === "report") {
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    apply();
  } else {
    form.addEventListener("change", function () { form.submit(); });
  }
})();`

/**
 * The pages' Content-Security-Policy: nothing is loaded from anywhere (no network, SPEC §9), styles
 * are inline, and the one script runs by its hash, so even markup that got into a page could not
 * run a script or an event handler.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src 'sha256-${createHash("sha256").update(FILTER_SCRIPT).digest("base64")}'`,
  "img-src data:",
  "base-uri 'none'",
].join("; ")

/* app.js: the little script of the pages, loaded from the binary (CSP: no inline script).
   Pages work without it; it only adds conveniences. */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Filter forms submit when a select changes.
  document.querySelectorAll("form.filters select").forEach(function (s) {
    s.addEventListener("change", function () { s.form.submit(); });
  });
  // Buttons that ask before a consequential action carry data-confirm.
  document.querySelectorAll("[data-confirm]").forEach(function (b) {
    b.addEventListener("click", function (e) {
      if (!window.confirm(b.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
});

/* app.js: the little script of the pages, loaded from the binary (CSP: no inline script).
   Pages work without it; it only adds conveniences. Filters apply with their 筛选 button only:
   a drop-down that submits on change reloads the page under a keyboard user's arrow keys
   (WCAG 3.2.2). */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // After an action the page says what happened: move the focus there, so that it is read out.
  var msg = document.querySelector("main [role=alert], main [role=status]");
  if (msg) msg.focus();
  // Buttons that ask before a consequential action carry data-confirm.
  document.querySelectorAll("[data-confirm]").forEach(function (b) {
    b.addEventListener("click", function (e) {
      if (!window.confirm(b.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
  // Expand or collapse every <details> of the tree in place (links with data-details="open|close"
  // that otherwise reload the page with everything open or collapsed).
  document.querySelectorAll("[data-details]").forEach(function (b) {
    b.addEventListener("click", function (e) {
      e.preventDefault();
      var open = b.getAttribute("data-details") === "open";
      document.querySelectorAll("details.finding").forEach(function (d) { d.open = open; });
    });
  });
});

/* The error summary above a form (templates/macros/error_summary.html), as in the GOV.UK Design
   System: it takes the focus when the page loads, so a screen reader reads it first; each of its
   links moves the focus to the field it names (the first choice of a group of radios or checkboxes,
   never a list's filter box) and shows the field's label or legend with it. Without this script the
   page still works: the summary has `autofocus` and the links are ordinary links to the fields' ids. */
(function () {
  "use strict";
  var summaries = document.querySelectorAll(".error-summary");
  if (!summaries.length || summaries[0].dataset.enhanced) {
    return;
  }
  summaries[0].focus();
  summaries.forEach(function (summary) {
    summary.dataset.enhanced = "1";
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!target) {
        return;
      }
      var group = target.tagName === "FIELDSET";
      var control = group
        ? target.querySelector("input[type=checkbox], input[type=radio]") || target.querySelector("input, select, textarea")
        : target;
      if (!control || typeof control.focus !== "function") {
        return;
      }
      event.preventDefault();
      var caption = group ? target.querySelector("legend") : document.querySelector("label[for='" + CSS.escape(target.id) + "']");
      (caption || control).scrollIntoView();
      control.focus({ preventScroll: true });
    });
  });
})();

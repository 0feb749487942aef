/* Ideas: move focus to the error summary of a form sent with errors, so screen readers announce
   it. Everything works without this script. */
(function () {
  "use strict";
  function focusSummary() {
    var target = document.querySelector("[data-digiradar-focus]");
    if (target) {
      target.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();

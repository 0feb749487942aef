/* Comments: move focus to an error summary or status message, so screen readers announce it.
   Everything works without this script. */
(function () {
  "use strict";
  function focusFirst() {
    var target = document.querySelector("[data-digiradar-focus]");
    if (target) {
      target.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusFirst);
  } else {
    focusFirst();
  }
})();

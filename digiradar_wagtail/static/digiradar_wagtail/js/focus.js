/* Comment, idea and follow pages: move focus to the first element marked data-digiradar-focus (an error
   summary, a status message), so that screen readers announce it. Everything works without this
   script. */
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

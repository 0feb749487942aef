/*
 * Progressive enhancement for rating blocks: send the form without a page reload and
 * replace the block with the server's fresh rendering. Without this script the form posts
 * and redirects back, which works just as well.
 */
(function () {
  "use strict";

  function enhance(root) {
    var form = root.querySelector("[data-digiradar-rating-form]");
    if (!form || form.dataset.enhanced) { return; }
    form.dataset.enhanced = "1";
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData || form.dataset.plain) { return; }
      event.preventDefault();
      var data = new FormData(form);
      var submitter = event.submitter;
      if (submitter && submitter.name) { data.set(submitter.name, submitter.value); }
      root.setAttribute("aria-busy", "true");
      // Not form.action: the buttons are named "action" and would shadow the property.
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.json().then(function (payload) { return { ok: response.ok, payload: payload }; });
      }).then(function (result) {
        if (result.ok && result.payload.html) {
          var holder = document.createElement("div");
          holder.innerHTML = result.payload.html;
          var fresh = holder.querySelector("[data-digiradar-rating]");
          if (fresh) {
            root.replaceWith(fresh);
            enhance(fresh);
            // Keep keyboard users where they were: on the (new) form's checked answer.
            var focusTarget = fresh.querySelector("input[type=radio]:checked") || fresh.querySelector("h2");
            if (focusTarget) {
              if (!focusTarget.matches("input")) { focusTarget.setAttribute("tabindex", "-1"); }
              focusTarget.focus();
            }
            return;
          }
        }
        if (result.ok && result.payload.message) {
          // Stored, but not redrawn: say so; the next page load shows the vote.
          showError(root, result.payload.message);
          return;
        }
        showError(root, (result.payload && result.payload.error) || root.dataset.errorMessage || "");
      }).catch(function () {
        // Network trouble: fall back to the plain form post, with the same button.
        form.dataset.plain = "1";
        if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
      });
    });
  }

  function showError(root, message) {
    root.removeAttribute("aria-busy");
    var status = root.querySelector(".digiradar-rating-status");
    if (!status) { return; }
    var paragraph = document.createElement("p");
    paragraph.textContent = message;
    status.replaceChildren(paragraph);
  }

  function init() {
    document.querySelectorAll("[data-digiradar-rating]").forEach(enhance);
  }

  // The visitor's own version of a block, put in place by personal.js, is enhanced too.
  document.addEventListener("digiradar:personal", init);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

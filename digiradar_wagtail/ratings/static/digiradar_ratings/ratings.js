/*
 * Progressive enhancement for rating blocks: send the form without a page reload and update
 * the block in place from the server's short reply (message, fresh form token, the visitor's
 * vote, the results: as numbers written into the results table while the block shows one,
 * else as HTML). Without this script the form posts and redirects back, which works just as well.
 */
(function () {
  "use strict";

  function enhance(root) {
    var form = root.querySelector("[data-digiradar-rating-form]");
    if (!form || form.dataset.enhanced) { return; }
    form.dataset.enhanced = "1";
    form.addEventListener("submit", function (event) {
      // URLSearchParams reads a FormData only where FormData can be iterated (entries).
      var sendable = window.fetch && window.URLSearchParams && window.FormData && FormData.prototype.entries;
      if (!sendable || form.dataset.plain) { return; }
      event.preventDefault();
      // Sent as the plain form would be (application/x-www-form-urlencoded): Django's multipart
      // parser took about 0.3 ms more of the server's CPU per vote.
      var data = new URLSearchParams(new FormData(form));
      var submitter = event.submitter;
      if (submitter && submitter.name) { data.set(submitter.name, submitter.value); }
      root.setAttribute("aria-busy", "true");
      var headers = { "Accept": "application/json", "X-Requested-With": "fetch" };
      // The table is there: the figures as numbers are enough (a shorter reply, drawn by nobody).
      if (resultsRows(root)) { headers["X-Digiradar-Results"] = "figures"; }
      // Not form.action: the buttons are named "action" and would shadow the property.
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: headers
      }).then(function (response) {
        return response.json().then(function (payload) { return { ok: response.ok, payload: payload }; });
      }).then(function (result) {
        if (result.ok && result.payload.token) {
          update(root, form, result.payload);
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

  // The vote is taken: show the message, the visitor's vote, the fresh token and the results.
  function update(root, form, payload) {
    var hadFocus = root.contains(document.activeElement) ? document.activeElement : null;
    showMessage(root, payload.message);
    form.querySelector("input[name=token]").value = payload.token;
    var voted = payload.vote !== null && payload.vote !== undefined;
    form.querySelectorAll("input[name=value]").forEach(function (input) {
      input.checked = voted && input.value === String(payload.vote);
    });
    var send = form.querySelector("button[value=vote]");
    if (send) { send.textContent = voted ? send.dataset.labelChange : send.dataset.labelSend; }
    var withdraw = form.querySelector("button[value=withdraw]");
    if (withdraw) { withdraw.hidden = !voted; }
    var results = root.querySelector("[data-digiradar-rating-results]");
    if (payload.vote_html !== undefined) {
      var own = root.querySelector(".digiradar-rating-own");
      if (voted && !own) {
        own = document.createElement("p");
        own.className = "digiradar-rating-own";
        if (results) { results.before(own); } else { root.appendChild(own); }
      }
      if (voted) { own.innerHTML = payload.vote_html; } else if (own) { own.remove(); }
    }
    if (payload.results) {
      writeFigures(root, payload.results);
    } else if (payload.results_html) {
      var holder = document.createElement("div");
      holder.innerHTML = payload.results_html;
      var fresh = holder.querySelector("[data-digiradar-rating-results]");
      if (fresh && results) { results.replaceWith(fresh); }
    }
    root.removeAttribute("aria-busy");
    // Keep keyboard users where they were; from a button now hidden, to the checked answer.
    if (!hadFocus || hadFocus.hidden || !root.contains(hadFocus)) {
      var focusTarget = form.querySelector("input[name=value]:checked") || root.querySelector("h2");
      if (focusTarget) {
        if (!focusTarget.matches("input")) { focusTarget.setAttribute("tabindex", "-1"); }
        focusTarget.focus();
      }
    }
  }

  // The rows of the block's results table, or null where it shows none.
  function resultsRows(root) {
    var table = root.querySelector("[data-digiradar-rating-results] table");
    return table && table.tBodies.length ? table.tBodies[0].rows : null;
  }

  // The figures in the table: the total line, and each row's count, bar and percent.
  function writeFigures(root, figures) {
    var rows = resultsRows(root);
    var total = root.querySelector("[data-digiradar-rating-results] .digiradar-rating-total");
    if (!rows || rows.length !== figures.rows.length) { return; }
    if (total) { total.textContent = figures.total; }
    figures.rows.forEach(function (figure, index) {
      var row = rows[index];
      var count = row.querySelector(".digiradar-rating-number");
      var bars = row.querySelectorAll(".digiradar-rating-bar rect");
      var percent = row.querySelector(".digiradar-rating-percent");
      if (count) { count.textContent = figure.count; }
      if (bars.length > 1) { bars[bars.length - 1].setAttribute("width", String(figure.percent)); }
      if (percent) { percent.textContent = figure.percent + " %"; }
    });
  }

  function showMessage(root, message) {
    var status = root.querySelector(".digiradar-rating-status");
    if (!status) { return; }
    var paragraph = document.createElement("p");
    paragraph.textContent = message;
    status.replaceChildren(paragraph);
  }

  function showError(root, message) {
    root.removeAttribute("aria-busy");
    showMessage(root, message);
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

/*
 * Digitalisierungsradar: optional enhancements of the radar page. The page works fully without
 * this file: the filter is a GET form, every blip is a link and the list repeats the radar.
 *  - filtering without a reload (the server renders the same fragment; the URL stays the permalink),
 *  - a tooltip on hover and on keyboard focus (Escape hides it),
 *  - arrow keys move between blips; Tab enters and leaves the radar as one stop.
 */
(function () {
  "use strict";

  var tooltip;

  function showTooltip(blip) {
    if (!tooltip) {
      tooltip = document.createElement("div");
      tooltip.className = "digiradar-tooltip";
      tooltip.setAttribute("role", "tooltip");
      tooltip.id = "digiradar-tooltip";
      document.body.appendChild(tooltip);
    }
    tooltip.textContent = blip.getAttribute("aria-label");
    var box = blip.getBoundingClientRect();
    tooltip.hidden = false;
    // CSSOM properties are allowed under a strict Content-Security-Policy (style attributes are not).
    tooltip.style.left = Math.max(8, window.scrollX + box.left + box.width / 2 - tooltip.offsetWidth / 2) + "px";
    tooltip.style.top = window.scrollY + box.top - tooltip.offsetHeight - 8 + "px";
  }

  function hideTooltip() {
    if (tooltip) {
      tooltip.hidden = true;
    }
  }

  function initChart(root) {
    var blips = Array.prototype.slice.call(root.querySelectorAll("[data-digiradar-blip]"));
    if (!blips.length) {
      return;
    }
    // The arrow keys work only with this script: only then does the hint show.
    var hint = root.querySelector("[data-digiradar-keys]");
    if (hint) {
      hint.hidden = false;
    }
    // One tab stop for the whole radar ("roving tabindex"); arrows move within it.
    blips.forEach(function (blip, index) {
      blip.setAttribute("tabindex", index === 0 ? "0" : "-1");
      blip.addEventListener("focus", function () { showTooltip(blip); });
      blip.addEventListener("blur", hideTooltip);
      blip.addEventListener("mouseenter", function () { showTooltip(blip); });
      blip.addEventListener("mouseleave", hideTooltip);
    });
    root.addEventListener("keydown", function (event) {
      var current = blips.indexOf(document.activeElement);
      if (event.key === "Escape") {
        hideTooltip();
        return;
      }
      if (current < 0) {
        return;
      }
      var next = null;
      if (event.key === "ArrowRight" || event.key === "ArrowDown") {
        next = (current + 1) % blips.length;
      } else if (event.key === "ArrowLeft" || event.key === "ArrowUp") {
        next = (current - 1 + blips.length) % blips.length;
      } else if (event.key === "Home") {
        next = 0;
      } else if (event.key === "End") {
        next = blips.length - 1;
      }
      if (next !== null) {
        event.preventDefault();
        blips[current].setAttribute("tabindex", "-1");
        blips[next].setAttribute("tabindex", "0");
        blips[next].focus();
      }
    });
  }

  function initFilter(results) {
    var form = results.querySelector("[data-digiradar-filter]");
    if (!form || !window.fetch || !window.DOMParser) {
      return;
    }
    var pending = null;

    function apply() {
      var params = new URLSearchParams(new FormData(form));
      var url = window.location.pathname + (params.toString() ? "?" + params.toString() : "");
      var request = (pending = fetch(url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" }));
      request
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.text();
        })
        .then(function (html) {
          if (request !== pending) {
            return; // a newer filter has been asked for
          }
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-digiradar-results]");
          var current = document.querySelector("[data-digiradar-results]");
          if (!fresh || !current) {
            form.submit();
            return;
          }
          var old = current.querySelector("[data-digiradar-results-body]");
          var replacement = fresh.querySelector("[data-digiradar-results-body]");
          old.replaceWith(replacement);
          // The status region stays in place, so screen readers announce the new count.
          var status = current.querySelector("[data-digiradar-status]");
          var freshStatus = fresh.querySelector("[data-digiradar-status]");
          if (status && freshStatus) {
            status.textContent = freshStatus.textContent;
          }
          window.history.replaceState(null, "", url);
          initChart(replacement);
        })
        .catch(function () {
          form.submit(); // fall back to the plain form
        });
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var results = document.querySelector("[data-digiradar-results]");
    if (!results) {
      return;
    }
    initChart(results);
    initFilter(results);
  });
})();

/*
 * A page that a shared cache keeps carries its comment and rating blocks as everybody sees them:
 * no form tokens, no own vote, no messages. This script asks the page's uncached endpoint
 * (data-digiradar-personal) for the visitor's own version of those blocks and puts it in place,
 * then tells the blocks' scripts ("digiradar:personal") to enhance what is new.
 * Without this script the forms lead to a page of their own, which works just as well.
 */
(function () {
  "use strict";
  if (window.digiradarPersonal) { return; }
  window.digiradarPersonal = true;

  function replaceParts(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    Array.prototype.slice.call(template.content.children).forEach(function (fresh) {
      var old = fresh.id ? document.getElementById(fresh.id) : null;
      if (!old || !old.hasAttribute("data-digiradar-personal")) { return; }
      var focused = document.activeElement && old.contains(document.activeElement) ? document.activeElement.id : "";
      old.replaceWith(fresh);
      if (focused && document.getElementById(focused)) { document.getElementById(focused).focus(); }
    });
    document.dispatchEvent(new CustomEvent("digiradar:personal"));
  }

  function load() {
    var urls = [];
    document.querySelectorAll("[data-digiradar-personal]").forEach(function (element) {
      var url = element.getAttribute("data-digiradar-personal");
      if (url && urls.indexOf(url) === -1) { urls.push(url); }
    });
    if (!urls.length || !window.fetch) { return; }
    urls.forEach(function (url) {
      fetch(url + window.location.search, {
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (payload) {
        if (payload && payload.html) { replaceParts(payload.html); }
      }).catch(function () {
        // Offline or refused: the blocks stay as they are, and their links still work.
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", load);
  } else {
    load();
  }
})();

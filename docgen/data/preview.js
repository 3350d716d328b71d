// docgen preview: follow the server's events; reload the draft (keeping the scroll
// position) when its key changes, and show the spec's problems in the banner.
"use strict";
(function () {
  const page = document.body.dataset;
  const frame = document.getElementById("draft");
  const banner = document.getElementById("problems");
  const list = document.getElementById("diagnostics");
  const status = document.getElementById("status");
  const missing = document.getElementById("missing");
  let shown = null;  // the key of the draft in the frame

  function reload(key) {
    const view = frame.contentWindow;
    let x = 0, y = 0;
    try { x = view.scrollX; y = view.scrollY; } catch (e) { /* a PDF viewer: no scroll */ }
    frame.addEventListener("load", function () {
      try { frame.contentWindow.scrollTo(x, y); } catch (e) { /* as above */ }
      document.documentElement.dataset.shown = key;
    }, {once: true});
    frame.src = "/" + page.document + "." + page.view + "?key=" + encodeURIComponent(key);
  }

  function problems(state) {
    list.replaceChildren();
    for (const problem of state.problems) {
      const item = document.createElement("li");
      item.className = problem.severity;
      item.textContent = problem.line;
      if (problem.hint) {
        const hint = document.createElement("span");
        hint.className = "hint";
        hint.textContent = problem.hint;
        item.append(hint);
      }
      list.append(item);
    }
    banner.hidden = state.problems.length === 0;
    banner.classList.toggle("failing", !state.ok);
    document.getElementById("problems-errors").hidden = state.ok;
    document.getElementById("problems-warnings").hidden = !state.ok;
  }

  const events = new EventSource("/events");
  events.addEventListener("state", function (message) {
    const state = JSON.parse(message.data);
    status.textContent = status.dataset.connected;
    problems(state);
    const key = state.documents[page.document];
    missing.hidden = key !== undefined;
    frame.hidden = key === undefined;
    if (key !== undefined && shown !== null && key !== shown) reload(key);
    else if (key !== undefined && shown === null) document.documentElement.dataset.shown = key;
    if (key !== undefined) shown = key;
    document.documentElement.dataset.version = state.version;
  });
  events.addEventListener("error", function () {
    if (events.readyState === EventSource.CLOSED) status.textContent = status.dataset.lost;
  });
}());

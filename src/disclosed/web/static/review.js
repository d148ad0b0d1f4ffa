// Keyboard shortcuts on the review queue: c confirm, r reject, e edit (correct), s skip, ? help.
(function () {
  "use strict";
  var form = document.getElementById("review-form");
  if (!form) { return; }
  function press(action) {
    var button = form.querySelector('button[value="' + action + '"]');
    if (button) { button.click(); }
  }
  document.addEventListener("keydown", function (event) {
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { press("correct"); }
      if (event.key === "Escape") { event.target.blur(); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "c") { event.preventDefault(); press("confirm"); }
    else if (event.key === "r") { event.preventDefault(); press("reject"); }
    else if (event.key === "e") { event.preventDefault(); form.querySelector('input[name="organisation"]').focus(); }
    else if (event.key === "s") {
      var skip = document.getElementById("skip");
      if (skip) { event.preventDefault(); window.location.href = skip.getAttribute("href"); }
    }
  });
})();

/* Refresh a search form's results while typing (progressive enhancement: without JavaScript the
   form is submitted and the page comes back with the same results). A GET form marked
   data-live-search="ID" asks its own action for the results only (partial=1) and puts them into
   the element with that id, which is marked aria-live so screen readers hear the change. */
(function () {
  "use strict";
  if (!window.fetch || !window.URLSearchParams || !window.FormData) { return; }
  var forms = document.querySelectorAll("form[data-live-search]");
  Array.prototype.forEach.call(forms, function (form) {
    var target = document.getElementById(form.getAttribute("data-live-search"));
    var input = form.querySelector("input[type=search]");
    if (!target || !input) { return; }
    var timer = null;
    var last = input.value.trim();
    var controller = null;
    function refresh() {
      var text = input.value.trim();
      if (text === last || text.length < 2) { return; }
      last = text;
      var params = new URLSearchParams(new FormData(form));
      params.set("partial", "1");
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      fetch(form.action + "?" + params.toString(), {
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (html) {
        if (html !== null) { target.innerHTML = html; }
      }).catch(function () { /* the submit button still works */ });
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 300);
    });
  });
})();

/* Drop files on a file field (progressive enhancement; without JavaScript the plain
   <input type="file" multiple> does the same). Inputs marked data-dropzone get a drop area
   around their field; files dropped there are added to the ones already chosen. */
(function () {
  "use strict";
  if (typeof DataTransfer === "undefined") { return; }
  var inputs = document.querySelectorAll("input[type=file][data-dropzone]");
  Array.prototype.forEach.call(inputs, function (input) {
    var zone = input.closest(".field") || input.parentNode;
    zone.classList.add("dropzone");
    var hint = document.createElement("p");
    hint.className = "dropzone-hint";
    hint.textContent = document.documentElement.lang === "en"
      ? "Or drop the scanned files here."
      : "Hoặc kéo thả tệp đã quét vào đây.";
    zone.appendChild(hint);
    function stop(event) { event.preventDefault(); event.stopPropagation(); }
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) { stop(event); zone.classList.add("dropzone-over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function (event) { stop(event); zone.classList.remove("dropzone-over"); });
    });
    zone.addEventListener("drop", function (event) {
      var dropped = event.dataTransfer && event.dataTransfer.files;
      if (!dropped || !dropped.length) { return; }
      var all = new DataTransfer();
      Array.prototype.forEach.call(input.files, function (file) { all.items.add(file); });
      Array.prototype.forEach.call(dropped, function (file) {
        if (input.multiple || !all.items.length) { all.items.add(file); }
      });
      input.files = all.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      hint.textContent = (document.documentElement.lang === "en" ? "Chosen: " : "Đã chọn: ")
        + Array.prototype.map.call(input.files, function (f) { return f.name; }).join(", ");
    });
  });
})();

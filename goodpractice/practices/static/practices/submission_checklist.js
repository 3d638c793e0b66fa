// Ticks the page editor's submission checklist off as the form is filled in, before
// anything is saved. Each item names its fields in data-fields: [[a], [b, c]] is done
// when a is filled in and b or c is. The server's checklist.py applies the same rule.
(function () {
  "use strict";

  function richTextFilled(value) {
    // Draftail keeps its content as JSON in a hidden input.
    try {
      var content = JSON.parse(value);
      if (content && Array.isArray(content.blocks)) {
        return content.blocks.some(function (block) {
          return block.text.trim() !== "" || (block.entityRanges || []).length > 0;
        });
      }
    } catch (error) {
      // Not JSON: plain text.
    }
    return value.trim() !== "";
  }

  function filled(form, name) {
    var elements = form.querySelectorAll('[name="' + name + '"]');
    return Array.prototype.some.call(elements, function (element) {
      if (element.type === "checkbox" || element.type === "radio") {
        return element.checked;
      }
      if (element.tagName === "SELECT") {
        return Array.prototype.some.call(element.selectedOptions, function (option) {
          return option.value !== "";
        });
      }
      return richTextFilled(element.value || "");
    });
  }

  function update(panel, form, texts) {
    var missing = 0;
    panel.querySelectorAll("li[data-fields]").forEach(function (item) {
      var groups = JSON.parse(item.getAttribute("data-fields"));
      var done = groups.every(function (group) {
        return group.some(function (name) {
          return filled(form, name);
        });
      });
      if (!done) {
        missing += 1;
      }
      item.setAttribute("data-done", done ? "true" : "false");
      item.querySelector("[data-checklist-state]").textContent = done ? texts.done : texts.missing;
    });
    panel.querySelector("[data-checklist-summary]").textContent = texts.summary[missing];
    panel.classList.toggle("help-warning", missing > 0);
    panel.classList.toggle("help-info", missing === 0);
  }

  function start() {
    var panel = document.querySelector("[data-submission-checklist]");
    var data = document.getElementById("submission-checklist-texts");
    if (!panel || !data) {
      return;
    }
    var form = panel.closest("form");
    if (!form) {
      return;
    }
    var texts = JSON.parse(data.textContent);
    var refresh = function () {
      update(panel, form, texts);
    };
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    // Rich text editors write their hidden input without an event.
    window.setInterval(refresh, 1000);
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

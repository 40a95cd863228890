/* Searchable pickers, progressive enhancement (templates/macros/pickers.html, checkbox_list.html).
   - A region text input offered a <datalist> of official names becomes an accessible-autocomplete
     combobox (WAI-ARIA 1.2 pattern, GOV.UK): names match with or without "Kabupaten", "Kab." or
     "Kota" and without diacritics, codes by their start. The server still matches what is posted.
   - A select marked data-narrowed-by="<region input name>" (the commitment's study visit) then
     offers only the chosen region's options, taken from its <template id="<select id>-all">.
   - A checkbox list gets a filter box that hides non-matching boxes and announces the count, and
     quick picks that tick every practice of a package. */
(function () {
  "use strict";

  var KIND = /^(kabupaten administrasi|kab adm|kota administrasi|kota adm|kabupaten|kab|kota|provinsi|prov) /;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[.,]/g, " ").replace(/\s+/g, " ").trim();
  }

  function stem(text) {
    return fold(text).replace(KIND, "");
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) { return String(values[key]); });
  }

  function narrow(select, regionName) {
    var all = document.getElementById(select.id + "-all");
    if (!all) { return; }
    var current = select.value;
    select.replaceChildren(select.options[0].cloneNode(true));
    Array.prototype.forEach.call(all.content.querySelectorAll("option"), function (option) {
      if (option.getAttribute("data-region-name") === regionName) { select.appendChild(option.cloneNode(true)); }
    });
    select.value = current;
    if (select.value !== current) { select.value = ""; }
  }

  function regionCombobox(input, messages) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) { return; }
    var entries = Array.prototype.map.call(list.options, function (option) {
      return { name: option.value, hint: option.textContent, code: option.textContent.split(" ")[0],
               folded: fold(option.value), stem: stem(option.value) };
    });
    function source(query, populate) {
      var typed = stem(query);
      var found = entries.filter(function (e) {
        return e.stem.indexOf(typed) !== -1 || e.folded.indexOf(fold(query)) !== -1 || e.code.indexOf(query.trim()) === 0;
      });
      found.sort(function (a, b) {  // names starting with what was typed first, the closest first
        var ra = a.stem.indexOf(typed) === 0 ? 0 : 1;
        var rb = b.stem.indexOf(typed) === 0 ? 0 : 1;
        return ra - rb || a.stem.length - b.stem.length || (a.code < b.code ? -1 : 1);
      });
      populate(found.slice(0, 20));
    }
    var holder = document.createElement("div");
    holder.className = "ll-combobox";
    input.parentNode.insertBefore(holder, input);
    var id = input.id, name = input.name, value = input.value, invalid = input.classList.contains("is-invalid");
    input.remove();
    window.accessibleAutocomplete({
      element: holder, id: id, name: name, defaultValue: value, source: source, minLength: 2,
      showNoOptionsFound: true, confirmOnBlur: false, displayMenu: "overlay",
      inputClasses: "form-control" + (invalid ? " is-invalid" : ""),
      onConfirm: function (entry) {
        if (!entry) { return; }
        Array.prototype.forEach.call(document.querySelectorAll("select[data-narrowed-by='" + name + "']"), function (select) {
          narrow(select, entry.name);
        });
      },
      templates: {
        inputValue: function (entry) { return entry ? entry.name : ""; },
        suggestion: function (entry) {
          if (typeof entry === "string") { return entry; }
          var span = document.createElement("span");
          span.textContent = entry.name + " · " + entry.hint;
          return span.innerHTML;
        }
      },
      tNoResults: function () { return messages.noResults; },
      tStatusQueryTooShort: function (count) { return fill(messages.tooShort, { count: count }); },
      tStatusNoResults: function () { return messages.noResults; },
      tStatusResults: function (count) { return fill(messages.results, { count: count }); },
      tStatusSelectedOption: function (option, count, index) {
        return fill(messages.selected, { name: option, count: count, index: index + 1 });
      },
      tAssistiveHint: function () { return messages.hint; }
    });
  }

  function checklist(box) {
    var tools = box.querySelector("[data-checklist-tools]");
    var filter = box.querySelector("[data-checklist-filter]");
    var count = box.querySelector("[data-checklist-count]");
    var items = Array.prototype.slice.call(box.querySelectorAll("[data-checklist-item]"));
    var groups = box.querySelectorAll("[data-checklist-group]");
    tools.hidden = false;
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }  // filtering, not submitting the form
    });
    filter.addEventListener("input", function () {
      var typed = fold(filter.value), shown = 0;
      items.forEach(function (item) {
        var match = fold(item.textContent).indexOf(typed) !== -1;
        item.hidden = !match;
        shown += match ? 1 : 0;
      });
      Array.prototype.forEach.call(groups, function (group) {
        group.hidden = !group.querySelector("[data-checklist-item]:not([hidden])");
      });
      count.textContent = typed ? fill(count.getAttribute("data-message"), { shown: shown, total: items.length }) : "";
    });
    Array.prototype.forEach.call(box.querySelectorAll("[data-checklist-pick]"), function (button) {
      button.addEventListener("click", function () {
        var codes = button.getAttribute("data-checklist-pick").split(" ");
        items.forEach(function (item) {
          var input = item.querySelector("input");
          if (codes.indexOf(input.value) !== -1) { input.checked = true; }
        });
      });
    });
  }

  var text = document.getElementById("picker-messages");
  if (window.accessibleAutocomplete && text) {
    var messages = { noResults: text.dataset.noResults, tooShort: text.dataset.tooShort, results: text.dataset.results,
                     selected: text.dataset.selected, hint: text.dataset.hint };
    Array.prototype.forEach.call(document.querySelectorAll("input[data-picker=region][list]"), function (input) {
      regionCombobox(input, messages);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-checklist]"), checklist);
}());

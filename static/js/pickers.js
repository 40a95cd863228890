/* Searchable pickers, progressive enhancement (templates/macros/pickers.html, checkbox_list.html).
   - A region text input offered a <datalist> of official names becomes an accessible-autocomplete
     combobox (WAI-ARIA 1.2 pattern, GOV.UK): names match with or without "Kabupaten", "Kab." or
     "Kota" and without diacritics, codes by their start. The server still matches what is posted.
   - A long single select marked data-picker="select" (a region) becomes the same combobox; the
     hidden select keeps the chosen value and is what the form posts.
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

  function matcher(entries) {
    return function (query, populate) {
      var typed = stem(query), folded = fold(query);
      var found = entries.filter(function (e) {
        return e.stem.indexOf(typed) !== -1 || e.folded.indexOf(folded) !== -1 || e.code.indexOf(query.trim()) === 0;
      });
      found.sort(function (a, b) {  // names starting with what was typed first, the closest first
        var ra = a.stem.indexOf(typed) === 0 ? 0 : 1;
        var rb = b.stem.indexOf(typed) === 0 ? 0 : 1;
        return ra - rb || a.stem.length - b.stem.length || (a.code < b.code ? -1 : 1);
      });
      populate(found.slice(0, 20));
    };
  }

  function entry(name, code, hint) {
    return { name: name, code: code, hint: hint, folded: fold(name), stem: stem(name) };
  }

  function settings(messages, holder, id, source) {
    return {
      element: holder, id: id, source: source, minLength: 2, showNoOptionsFound: true, displayMenu: "overlay",
      templates: {
        inputValue: function (e) { return e ? e.name : ""; },
        suggestion: function (e) {
          if (typeof e === "string") { return e; }
          var span = document.createElement("span");
          span.textContent = e.hint ? e.name + " · " + e.hint : e.name;
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
    };
  }

  function regionCombobox(input, messages) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) { return; }
    var entries = Array.prototype.map.call(list.options, function (option) {
      return entry(option.value, option.textContent.split(" ")[0], option.textContent);
    });
    var holder = document.createElement("div");
    holder.className = "ll-combobox";
    input.parentNode.insertBefore(holder, input);
    var name = input.name, invalid = input.classList.contains("is-invalid");
    var options = settings(messages, holder, input.id, matcher(entries));
    options.name = name;
    options.defaultValue = input.value;
    options.confirmOnBlur = false;
    options.inputClasses = "form-control" + (invalid ? " is-invalid" : "");
    options.onConfirm = function (chosen) {
      if (!chosen) { return; }
      Array.prototype.forEach.call(document.querySelectorAll("select[data-narrowed-by='" + name + "']"), function (select) {
        narrow(select, chosen.name);
      });
    };
    input.remove();
    window.accessibleAutocomplete(options);
  }

  function selectCombobox(select, messages) {
    var entries = [];
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) { return; }
      var group = option.parentNode.tagName === "OPTGROUP" ? option.parentNode.label : "";
      var text = option.textContent.replace(option.value, "").trim() || option.textContent;
      var found = entry(text, option.value, option.value + (group ? " · " + group : ""));
      found.value = option.value;
      entries.push(found);
    });
    var current = entries.filter(function (e) { return e.value === select.value; })[0];
    var holder = document.createElement("div");
    holder.className = "ll-combobox";
    select.parentNode.insertBefore(holder, select);
    var id = select.id;
    select.id = id + "-select";
    select.hidden = true;
    var options = settings(messages, holder, id, matcher(entries));
    options.defaultValue = current ? current.name : "";
    options.autoselect = true;
    options.inputClasses = "form-control" + (select.classList.contains("is-invalid") ? " is-invalid" : "");
    options.onConfirm = function (chosen) {
      if (!chosen) { return; }
      select.value = chosen.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    };
    window.accessibleAutocomplete(options);
    document.getElementById(id).addEventListener("input", function (event) {
      if (!event.target.value) { select.value = ""; }  // an emptied box clears the choice
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
    Array.prototype.forEach.call(document.querySelectorAll("select[data-picker=select]"), function (select) {
      selectCombobox(select, messages);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-checklist]"), checklist);
}());

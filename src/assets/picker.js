/* picker.js: suggestions for the owner fields of the measure form (牵头单位, 责任单位, 责任领导).
   A field inside <div class="picker" data-search="/api/v1/units"> asks the search endpoint as
   one types (the last name after 、 when data-multi is set) and offers at most 20 names in a
   list below it; choosing one writes the name into the field. The server matches the names
   itself, so the form works the same without this script. */
"use strict";
document.addEventListener("DOMContentLoaded", function() {
    var SEPARATORS = /[、，,；;]/;

    function lastPart(value)
    {
        var parts = value.split(SEPARATORS);
        return parts[parts.length - 1].trim();
    }

    function replaceLast(value, name)
    {
        var m = value.match(/^(.*[、，,；;])\s*[^、，,；;]*$/);
        return (m ? m[1] : "") + name;
    }

    document.querySelectorAll("div.picker").forEach(function(box, n) {
        var input = box.querySelector("input");
        if (!input)
            return;
        var url = box.getAttribute("data-search");
        var multi = box.hasAttribute("data-multi");
        var list = document.createElement("ul");
        list.className = "suggestions";
        list.id = "picker-list-" + n;
        list.setAttribute("role", "listbox");
        list.hidden = true;
        box.appendChild(list);
        input.setAttribute("autocomplete", "off");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-controls", list.id);
        var timer = null, seq = 0, active = -1;

        function close()
        {
            list.hidden = true;
            active = -1;
            list.textContent = "";
        }

        function choose(text)
        {
            input.value = multi ? replaceLast(input.value, text) : text;
            close();
            input.focus();
        }

        function show(items)
        {
            list.textContent = "";
            active = -1;
            items.forEach(function(it) {
                var li = document.createElement("li");
                li.setAttribute("role", "option");
                var text = it.post ? it.name + "（" + it.post + "）" : it.name;
                li.textContent = text;
                li.addEventListener("mousedown", function(e) {
                    e.preventDefault();
                    choose(text);
                });
                list.appendChild(li);
            });
            list.hidden = items.length === 0;
        }

        function search()
        {
            var q = multi ? lastPart(input.value) : input.value.trim();
            if (!q) {
                close();
                return;
            }
            var mine = ++seq;
            fetch(url + "?q=" + encodeURIComponent(q),
                  {credentials : "same-origin", headers : {Accept : "application/json"}})
                .then(function(r) {
                    return r.ok ? r.json() : {items : []};
                })
                .then(function(data) {
                    if (mine === seq)
                        show(data.items || []);
                })
                .catch(function() {
                    close();
                });
        }

        input.addEventListener("input", function() {
            clearTimeout(timer);
            timer = setTimeout(search, 150);
        });
        input.addEventListener("keydown", function(e) {
            var items = list.querySelectorAll("li");
            if (list.hidden || !items.length)
                return;
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                e.preventDefault();
                active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
                items.forEach(function(li, i) {
                    li.setAttribute("aria-selected", i === active ? "true" : "false");
                });
            } else if (e.key === "Enter" && active >= 0) {
                e.preventDefault();
                choose(items[active].textContent);
            } else if (e.key === "Escape") {
                close();
            }
        });
        input.addEventListener("blur", function() {
            setTimeout(close, 100);
        });
    });
});

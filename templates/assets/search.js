/* Briefing theme: the search page, on Pagefind's JS API (our own UI, no framework).

   - Pagefind's bundle is imported on demand from <site root>/pagefind/pagefind.js; the site root comes from
     data-site-root (rendered from base_url), so the site works at any depth and under a sub-path.
   - The whole view is in the URL: ?q=&actor=&country=&topic=&year=&type=&sort=date|relevance (keys repeat).
     Typing replaces the history entry (debounced); filter changes push one; load and popstate restore it.
   - Facets: OR within a facet, AND across facets. Counts are what each value would give: for a facet with
     a selection they come from the same search without that facet.
   - Only the results on screen have their fragment fetched (result.data()), ten at a time.
   - Untrusted text goes in as text nodes; Pagefind's excerpt (escaped text with <mark>) is rebuilt from its
     <mark> tags only. */
(function () {
  "use strict";

  var root = document.getElementById("search");
  if (!root || typeof window.URLSearchParams !== "function") return;

  var PAGE_SIZE = 10;
  var TOP_ENTRIES = 8;
  var DEBOUNCE_MS = 250;
  var FACETS = [
    { key: "actor", legend: "Actor", plural: "actors" },
    { key: "country", legend: "Country", plural: "countries" },
    { key: "topic", legend: "Topic", plural: "topics" },
    { key: "year", legend: "Year", plural: "years" }
  ];
  var TYPES = [
    { value: "Brief", one: "brief", many: "briefs" },
    { value: "Actor", one: "actor", many: "actors" },
    { value: "Country", one: "country", many: "countries" }
  ];

  var siteRoot = new URL(root.getAttribute("data-site-root") || "../", window.location.href);
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var ui = document.getElementById("search-ui");
  var filtersBox = document.getElementById("search-filters");
  var facetsBox = document.getElementById("search-facets");
  var activeBadge = document.getElementById("search-filters-active");
  var statusEl = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var moreButton = document.getElementById("search-more");
  var sortSelect = document.getElementById("search-sort");
  var baseTitle = document.title;

  var pagefind = null;
  var groups = {}; // facet key -> {fieldset, items: [{value, input, li, count}], expanded, button}
  var typeGroup = null;
  var state = emptyState();
  var current = null; // {results, shown, token}
  var searchToken = 0;
  var typingTimer = null;

  function emptyState() {
    return { q: "", actor: [], country: [], topic: [], year: [], type: "", sort: "" };
  }

  // ---- URL <-> state ------------------------------------------------------------------------
  function unique(values) {
    var seen = {};
    return values.filter(function (v) {
      if (!v || seen[v]) return false;
      seen[v] = true;
      return true;
    });
  }

  function stateFromURL() {
    var params = new URLSearchParams(window.location.search);
    var s = emptyState();
    s.q = params.get("q") || "";
    FACETS.forEach(function (f) {
      s[f.key] = unique(params.getAll(f.key).map(function (v) { return v.trim(); }));
    });
    var type = (params.get("type") || "").toLowerCase();
    TYPES.forEach(function (t) {
      if (t.value.toLowerCase() === type) s.type = t.value;
    });
    var sort = params.get("sort");
    s.sort = sort === "date" || sort === "relevance" ? sort : "";
    return s;
  }

  function urlFromState(s) {
    var params = new URLSearchParams();
    if (s.q) params.set("q", s.q);
    FACETS.forEach(function (f) {
      s[f.key].forEach(function (v) { params.append(f.key, v); });
    });
    if (s.type) params.set("type", s.type);
    if (s.sort && s.sort !== defaultSort(s)) params.set("sort", s.sort);
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  }

  function hasQuery(s) {
    return s.q.trim() !== "";
  }

  function defaultSort(s) {
    return hasQuery(s) ? "relevance" : "date";
  }

  function effectiveSort(s) {
    // Without a query there is no relevance: newest first.
    return hasQuery(s) ? s.sort || "relevance" : "date";
  }

  function hasFilters(s) {
    return Boolean(s.type) || FACETS.some(function (f) { return s[f.key].length > 0; });
  }

  function updateHistory(push) {
    var url = urlFromState(state);
    var here = window.location.pathname + window.location.search + window.location.hash;
    if (url === here) return;
    if (push) window.history.pushState({ shown: PAGE_SIZE }, "", url);
    else window.history.replaceState({ shown: PAGE_SIZE }, "", url);
  }

  // ---- state <-> controls ---------------------------------------------------------------------
  function readControls() {
    state.q = input.value;
    FACETS.forEach(function (f) {
      var group = groups[f.key];
      if (!group) return;
      state[f.key] = group.items.filter(function (it) { return it.input.checked; }).map(function (it) { return it.value; });
    });
    if (typeGroup) {
      var checked = typeGroup.inputs.filter(function (r) { return r.checked; })[0];
      state.type = checked ? checked.value : "";
    }
  }

  function writeControls() {
    if (input.value !== state.q) input.value = state.q;
    FACETS.forEach(function (f) {
      var group = groups[f.key];
      if (!group) return;
      state[f.key].forEach(function (value) {
        if (!group.items.some(function (it) { return it.value === value; })) addItem(group, value, 0);
      });
      group.items.forEach(function (it) { it.input.checked = state[f.key].indexOf(it.value) !== -1; });
    });
    if (typeGroup) {
      typeGroup.inputs.forEach(function (r) { r.checked = r.value === state.type; });
    }
    syncSort();
  }

  function syncSort() {
    var query = hasQuery(state);
    sortSelect.options[0].disabled = !query;
    sortSelect.value = effectiveSort(state);
  }

  // ---- small DOM helpers --------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  var idCounter = 0;
  function newId(prefix) {
    idCounter += 1;
    return prefix + "-" + idCounter;
  }

  // ---- facets -------------------------------------------------------------------------------
  function buildFacets(totals) {
    facetsBox.textContent = "";
    var typeCounts = totals.type || {};
    var types = TYPES.filter(function (t) { return typeCounts[t.value]; });
    if (types.length > 1) {
      var fieldset = el("fieldset", { class: "facet-group facet-type" }, [el("legend", { text: "Show" })]);
      var options = el("ul", { class: "facet-options" });
      var inputs = [];
      var counts = {};
      [{ value: "", many: "all" }].concat(types).forEach(function (t) {
        var radio = el("input", { type: "radio", name: "type", value: t.value });
        var count = el("span", { class: "facet-count" });
        counts[t.value] = count;
        inputs.push(radio);
        var label = t.value ? t.many.charAt(0).toUpperCase() + t.many.slice(1) : "All";
        options.appendChild(el("li", {}, [el("label", {}, [radio, el("span", { class: "facet-name", text: label }), count])]));
      });
      fieldset.appendChild(options);
      facetsBox.appendChild(fieldset);
      typeGroup = { fieldset: fieldset, inputs: inputs, counts: counts };
    }
    FACETS.forEach(function (f) {
      var values = Object.keys(totals[f.key] || {});
      if (f.key === "year") values.sort(function (a, b) { return b.localeCompare(a); });
      else {
        values.sort(function (a, b) {
          return totals[f.key][b] - totals[f.key][a] || a.localeCompare(b);
        });
      }
      var listId = newId("facet-" + f.key);
      var fieldset = el("fieldset", { class: "facet-group", "data-facet": f.key }, [el("legend", { text: f.legend })]);
      var options = el("ul", { class: "facet-options", id: listId });
      var button = el("button", { type: "button", class: "facet-toggle", "aria-expanded": "false", "aria-controls": listId });
      fieldset.appendChild(options);
      fieldset.appendChild(button);
      var group = { facet: f, fieldset: fieldset, list: options, items: [], expanded: false, button: button };
      values.forEach(function (v) { addItem(group, v, totals[f.key][v]); });
      button.addEventListener("click", function () {
        group.expanded = !group.expanded;
        layoutFacet(group);
      });
      groups[f.key] = group;
      facetsBox.appendChild(fieldset);
    });
    var clear = el("button", { type: "button", class: "facet-clear", id: "search-clear", hidden: "" });
    clear.textContent = "Clear all filters";
    clear.addEventListener("click", function () {
      FACETS.forEach(function (f) { state[f.key] = []; });
      state.type = "";
      writeControls();
      updateHistory(true);
      input.focus();
      run(PAGE_SIZE);
    });
    facetsBox.appendChild(clear);
    facetsBox.addEventListener("change", onFilterChange);
  }

  function addItem(group, value, count) {
    var checkbox = el("input", { type: "checkbox", name: group.facet.key, value: value });
    var countEl = el("span", { class: "facet-count" });
    var li = el("li", {}, [el("label", {}, [checkbox, el("span", { class: "facet-name", text: value }), countEl])]);
    group.list.appendChild(li);
    group.items.push({ value: value, input: checkbox, li: li, countEl: countEl, count: count });
  }

  function setCount(node, count) {
    node.textContent = " (" + count + ")";
  }

  function layoutFacet(group) {
    var focused = document.activeElement;
    var available = 0;
    group.items.forEach(function (it) {
      setCount(it.countEl, it.count);
      var keep = it.count > 0 || it.input.checked || it.input === focused;
      if (keep) available += 1;
      it.available = keep;
    });
    var rank = 0;
    group.items.forEach(function (it) {
      var shown = it.available && (group.expanded || rank < TOP_ENTRIES || it.input.checked || it.input === focused);
      if (it.available) rank += 1;
      it.li.hidden = !shown;
    });
    group.button.hidden = available <= TOP_ENTRIES;
    group.button.setAttribute("aria-expanded", group.expanded ? "true" : "false");
    group.button.textContent = group.expanded ? "Show fewer " + group.facet.plural : "Show all " + available + " " + group.facet.plural;
    group.fieldset.hidden = available === 0;
  }

  function applyCounts(countsFor) {
    FACETS.forEach(function (f) {
      var group = groups[f.key];
      if (!group) return;
      var counts = countsFor(f.key) || {};
      group.items.forEach(function (it) { it.count = counts[it.value] || 0; });
      layoutFacet(group);
    });
    if (typeGroup) {
      var counts = countsFor("type") || {};
      var all = 0;
      TYPES.forEach(function (t) {
        if (!typeGroup.counts[t.value]) return;
        all += counts[t.value] || 0;
        setCount(typeGroup.counts[t.value], counts[t.value] || 0);
      });
      setCount(typeGroup.counts[""], all);
    }
    var active = state.type ? 1 : 0;
    FACETS.forEach(function (f) { active += state[f.key].length; });
    activeBadge.textContent = active ? " (" + active + " active)" : "";
    document.getElementById("search-clear").hidden = active === 0;
  }

  // ---- searching ----------------------------------------------------------------------------
  function pagefindFilters(s, except) {
    var filters = {};
    FACETS.forEach(function (f) {
      if (f.key !== except && s[f.key].length) filters[f.key] = { any: s[f.key].slice() };
    });
    if (except !== "type" && s.type) filters.type = s.type;
    return filters;
  }

  function pagefindSort(s) {
    // Only briefs carry a date: sorting by it would leave out actor and country pages.
    if (effectiveSort(s) !== "date" || s.type === "Actor" || s.type === "Country") return {};
    return { date: "desc" };
  }

  function run(shown) {
    var token = ++searchToken;
    var s = JSON.parse(JSON.stringify(state));
    syncSort();
    document.title = hasQuery(s) ? s.q.trim() + " – " + baseTitle : baseTitle;
    if (!hasQuery(s) && !hasFilters(s)) {
      current = null;
      list.textContent = "";
      moreButton.hidden = true;
      applyCounts(function (key) { return totals[key]; });
      setStatus("Type a word, or pick a filter to list briefs.", null);
      settled();
      return Promise.resolve();
    }
    var term = hasQuery(s) ? s.q.trim() : null;
    list.setAttribute("aria-busy", "true");
    var main = pagefind.search(term, { filters: pagefindFilters(s), sort: pagefindSort(s) });
    // For a facet with a selection, its counts are those of the same search without it.
    var others = ["type"].concat(FACETS.map(function (f) { return f.key; })).filter(function (key) {
      return key === "type" ? Boolean(s.type) : s[key].length > 0;
    });
    var without = others.map(function (key) {
      return pagefind.search(term, { filters: pagefindFilters(s, key) });
    });
    return Promise.all([main].concat(without)).then(function (responses) {
      if (token !== searchToken) return null;
      var response = responses[0];
      var byFacet = {};
      others.forEach(function (key, i) { byFacet[key] = (responses[i + 1].filters || {})[key]; });
      applyCounts(function (key) { return byFacet[key] || (response.filters || {})[key]; });
      current = { results: response.results, shown: 0, token: token, state: s, typeCounts: (response.filters || {}).type || {} };
      list.textContent = "";
      return showMore(Math.max(PAGE_SIZE, shown || PAGE_SIZE), false);
    }).catch(function (error) {
      if (token !== searchToken) return;
      list.removeAttribute("aria-busy");
      setStatus("Search failed: " + (error && error.message ? error.message : "unknown error") + ".", null);
      settled();
    });
  }

  function showMore(count, focusFirst) {
    var run = current;
    var slice = run.results.slice(run.shown, run.shown + count);
    list.setAttribute("aria-busy", "true");
    moreButton.disabled = true;
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (data) {
      if (run !== current) return;
      var firstNew = null;
      data.forEach(function (d) {
        var item = renderResult(d, run.state);
        list.appendChild(item);
        if (!firstNew) firstNew = item.querySelector("a");
      });
      run.shown += slice.length;
      list.removeAttribute("aria-busy");
      var left = run.results.length - run.shown;
      moreButton.hidden = left <= 0;
      moreButton.disabled = false;
      moreButton.textContent = "Load more (" + Math.min(PAGE_SIZE, left) + " of " + left + " remaining)";
      announce(run, focusFirst);
      if (focusFirst && firstNew) firstNew.focus();
      settled();
    });
  }

  function countText(run) {
    var total = run.results.length;
    var kinds = TYPES.filter(function (t) { return run.typeCounts[t.value]; });
    if (total === 0) return "No results";
    if (kinds.length === 1 && run.typeCounts[kinds[0].value] === total) return plural(total, kinds[0].one, kinds[0].many);
    var parts = kinds.map(function (t) { return plural(run.typeCounts[t.value], t.one, t.many); });
    return plural(total, "result", "results") + (parts.length ? " (" + parts.join(", ") + ")" : "");
  }

  function announce(run, more) {
    var s = run.state;
    var text = countText(run);
    if (hasQuery(s)) text += " for “" + s.q.trim() + "”";
    var filters = [];
    FACETS.forEach(function (f) { filters = filters.concat(s[f.key]); });
    if (s.type) filters.unshift(TYPES.filter(function (t) { return t.value === s.type; })[0].many);
    if (filters.length) text += ", filtered by " + filters.join(", ");
    if (run.results.length === 0) {
      text += hasFilters(s) ? ". Try fewer filters or other words." : ". Try other words.";
    } else if (run.shown < run.results.length || more) {
      text += ". Showing " + run.shown + ".";
    } else {
      text += ".";
    }
    setStatus(text, run.results.length);
  }

  function setStatus(text, count) {
    statusEl.textContent = text;
    if (count === null) statusEl.removeAttribute("data-count");
    else statusEl.setAttribute("data-count", String(count));
  }

  var settledCount = 0;
  function settled() {
    // A counter on #search that tells tests (and scripts) a search has been rendered.
    settledCount += 1;
    root.setAttribute("data-searches", String(settledCount));
  }

  // ---- results --------------------------------------------------------------------------------
  function resultURL(url) {
    // Pagefind's URLs are site-absolute ("/2024/x/"): put them under the site root.
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.indexOf("//") === 0) return url;
    return new URL(String(url).replace(/^\/+/, ""), siteRoot).href;
  }

  // Flags (pairs of regional indicators) come from the chips on indexed pages: noise in an excerpt.
  var FLAGS = /(?:\uD83C[\uDDE6-\uDDFF]){2}\s?/g;
  var ENTITIES = { lt: "<", gt: ">", amp: "&", quot: "\"", "#39": "'", "#x27": "'" };

  function excerptNodes(html) {
    // Pagefind's excerpt is escaped text with <mark> tags: keep the marks, everything else is text.
    var nodes = [];
    var marked = false;
    String(html).split(/(<\/?mark>)/i).forEach(function (part) {
      if (/^<mark>$/i.test(part)) { marked = true; return; }
      if (/^<\/mark>$/i.test(part)) { marked = false; return; }
      if (!part) return;
      var text = part.replace(/&(lt|gt|amp|quot|#39|#x27);/g, function (_, name) { return ENTITIES[name]; });
      text = text.replace(FLAGS, "");
      nodes.push(marked ? el("mark", { text: text }) : document.createTextNode(text));
    });
    return nodes;
  }

  function summaryOf(data) {
    // Without a query there are no matches to excerpt: the brief's summary, which follows its title.
    if (data.meta && data.meta.summary) return data.meta.summary;
    var content = String(data.content || "").replace(FLAGS, "");
    var title = (data.meta && data.meta.title) || "";
    if (title && content.indexOf(title) === 0) content = content.slice(title.length).replace(/^[.\s]+/, "");
    var end = content.search(/ (Analytic confidence:|Actors |Countries |Topics )/);
    if (end > 0) content = content.slice(0, end);
    var words = content.split(/\s+/);
    return words.length > 45 ? words.slice(0, 40).join(" ") + " …" : content;
  }

  function renderResult(data, s) {
    var type = ((data.filters || {}).type || [])[0] || "Brief";
    var title = (data.meta && data.meta.title) || data.url;
    var link = el("a", { class: "brief-item-title", href: resultURL(data.url), text: title });
    var dateLine = el("p", { class: "brief-item-date" });
    if (type === "Brief" && data.meta && data.meta.date) dateLine.appendChild(el("span", { text: data.meta.date }));
    else dateLine.appendChild(el("span", { class: "search-result-type", text: type }));
    var text = el("div", { class: "brief-item-text" }, [link]);
    var countries = (data.filters || {}).country || [];
    if (countries.length) text.appendChild(el("p", { class: "search-result-places", text: countries.join(" · ") }));
    var summary = el("p", { class: "brief-item-summary" });
    if (hasQuery(s) && data.excerpt) excerptNodes(data.excerpt).forEach(function (n) { summary.appendChild(n); });
    else summary.textContent = summaryOf(data);
    if (summary.textContent.trim()) text.appendChild(summary);
    return el("li", { class: "brief-item search-result search-result-" + type.toLowerCase() }, [dateLine, text]);
  }

  // ---- events -------------------------------------------------------------------------------
  function onFilterChange(event) {
    var target = event.target;
    if (!target || (target.type !== "checkbox" && target.type !== "radio")) return;
    readControls();
    updateHistory(true);
    run(PAGE_SIZE);
  }

  var totals = {};

  function start() {
    ui.hidden = false;
    if (window.matchMedia && window.matchMedia("(min-width: 52rem)").matches) filtersBox.open = true;
    state = stateFromURL();
    input.value = state.q;
    syncSort();
    setStatus("Loading search…", null);

    input.addEventListener("input", function () {
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(function () {
        readControls();
        updateHistory(false);
        if (pagefind) run(PAGE_SIZE);
      }, DEBOUNCE_MS);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(typingTimer);
      readControls();
      updateHistory(true);
      if (pagefind) run(PAGE_SIZE);
    });
    sortSelect.addEventListener("change", function () {
      state.sort = sortSelect.value;
      updateHistory(true);
      if (pagefind) run(PAGE_SIZE);
    });
    moreButton.addEventListener("click", function () {
      if (!current) return;
      showMore(PAGE_SIZE, true).then(function () {
        if (current) window.history.replaceState({ shown: current.shown }, "", window.location.href);
      });
    });
    window.addEventListener("popstate", function (event) {
      state = stateFromURL();
      writeControls();
      if (pagefind) run(event.state && event.state.shown);
    });

    var bundle = new URL("pagefind/pagefind.js", siteRoot).href;
    import(bundle).then(function (module) {
      pagefind = module;
      // Keep result URLs as indexed ("/2024/x/"); resultURL() puts them under the site root. (Pagefind would
      // otherwise guess a prefix from where pagefind.js was loaded.)
      return pagefind.options({ baseUrl: "/" });
    }).then(function () {
      return pagefind.filters();
    }).then(function (all) {
      totals = all || {};
      buildFacets(totals);
      writeControls();
      return run(window.history.state && window.history.state.shown);
    }).catch(function () {
      ui.hidden = true;
      var note = el("p", { class: "noscript-note" }, [
        document.createTextNode("Search could not be loaded. You can find every brief through the "),
        el("a", { href: new URL("actors/", siteRoot).href, text: "Actors" }),
        document.createTextNode(", "),
        el("a", { href: new URL("countries/", siteRoot).href, text: "Countries" }),
        document.createTextNode(" and "),
        el("a", { href: new URL("topics/", siteRoot).href, text: "Topics" }),
        document.createTextNode(" indexes and the "),
        el("a", { href: new URL("archive/", siteRoot).href, text: "Archive" }),
        document.createTextNode(".")
      ]);
      note.setAttribute("role", "alert");
      root.appendChild(note);
    });
  }

  start();
})();

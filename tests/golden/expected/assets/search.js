/* Briefing theme: the search page, on Pagefind's JS API (our own UI, no framework).

   - Pagefind is imported on demand from <site root>/pagefind/pagefind.js. The site root comes from
     data-site-root (rendered from base_url), so the site works at any depth and under a sub-path.
   - The view is in the URL: ?q=&actor=&country=&topic=&year=&type=&sort=date|relevance (keys repeat).
     Typing replaces the history entry (debounced); filter changes push one; load and popstate restore it.
   - Facets: OR within a facet, AND across facets. A value's count is what ticking it would give.
   - Bytes: a facet's values are fetched when the reader opens or uses it (Pagefind counts only the
     filters it has loaded), and only the results on screen have their fragment fetched. (Pagefind 1.5
     fetches its whole word index for a search without words: facets without a query cost that.)
   - Untrusted text goes in as text; Pagefind's excerpt (escaped text with <mark>) is rebuilt from its marks. */
(function () {
  "use strict";

  var root = document.getElementById("search");
  if (!root || typeof window.URLSearchParams !== "function") return;

  var PAGE_SIZE = 10;
  var TOP_ENTRIES = 8;
  var DEBOUNCE_MS = 250;
  var NO_VALUE = "\u0000"; // a filter value no page has: {none: [NO_VALUE]} loads a facet without narrowing
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
  var BRIEF = TYPES[0];

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
  var groups = {}; // facet key -> group
  var typeGroup = null;
  var clearButton = null;
  var loaded = {}; // facet keys whose values Pagefind has loaded
  var loading = {};
  var totals = null; // every facet's counts over the whole site, once fetched
  var state = emptyState();
  var current = null; // the results on screen
  var searchToken = 0;
  var typingTimer = null;
  var settledCount = 0;
  var idCounter = 0;

  function emptyState() {
    return { q: "", actor: [], country: [], topic: [], year: [], type: "", sort: "" };
  }

  function copyState(s) {
    return JSON.parse(JSON.stringify(s));
  }

  // ---- URL <-> state ------------------------------------------------------------------------
  function stateFromURL() {
    var params = new URLSearchParams(window.location.search);
    var s = emptyState();
    s.q = params.get("q") || "";
    FACETS.forEach(function (f) {
      params.getAll(f.key).forEach(function (v) {
        v = v.trim();
        if (v && s[f.key].indexOf(v) === -1) s[f.key].push(v);
      });
    });
    var type = (params.get("type") || "").toLowerCase();
    TYPES.forEach(function (t) { if (t.value.toLowerCase() === type) s.type = t.value; });
    var sort = params.get("sort");
    s.sort = sort === "date" || sort === "relevance" ? sort : "";
    return s;
  }

  function urlFromState(s) {
    var params = new URLSearchParams();
    if (s.q) params.set("q", s.q);
    FACETS.forEach(function (f) { s[f.key].forEach(function (v) { params.append(f.key, v); }); });
    if (s.type) params.set("type", s.type);
    if (s.sort && s.sort !== defaultSort(s)) params.set("sort", s.sort);
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  }

  function hasQuery(s) { return s.q.trim() !== ""; }
  function defaultSort(s) { return hasQuery(s) ? "relevance" : "date"; }
  function effectiveSort(s) { return hasQuery(s) ? s.sort || "relevance" : "date"; } // no query, no relevance
  function facetFiltered(s) { return FACETS.some(function (f) { return s[f.key].length > 0; }); }
  function hasFilters(s) { return Boolean(s.type) || facetFiltered(s); }

  function updateHistory(push) {
    var url = urlFromState(state);
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    window.history[push ? "pushState" : "replaceState"]({ shown: PAGE_SIZE }, "", url);
  }

  // ---- DOM helpers --------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function newId(prefix) {
    idCounter += 1;
    return prefix + "-" + idCounter;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  // ---- facets -------------------------------------------------------------------------------
  function buildFacets() {
    var options = el("ul", { class: "search-options" });
    var inputs = [];
    var counts = {};
    [{ value: "", many: "all" }].concat(TYPES).forEach(function (t) {
      var radio = el("input", { type: "radio", name: "type", value: t.value });
      counts[t.value] = el("span", { class: "search-count" });
      inputs.push(radio);
      var label = t.many.charAt(0).toUpperCase() + t.many.slice(1);
      options.appendChild(el("li", {}, [el("label", {}, [radio, el("span", { class: "search-option-name", text: label }), counts[t.value]])]));
    });
    var typeSet = el("fieldset", { class: "search-fieldset search-type" }, [el("legend", { text: "Show" }), options]);
    facetsBox.appendChild(typeSet);
    typeGroup = { inputs: inputs, counts: counts };

    FACETS.forEach(function (f) {
      var listId = newId("facet-" + f.key);
      var optionsList = el("ul", { class: "search-options", id: listId });
      var toggle = el("button", { type: "button", class: "search-show-all", "aria-expanded": "false", "aria-controls": listId, hidden: "" });
      var note = el("p", { class: "search-facet-note", text: "Loading…" });
      var selected = el("span", { class: "search-facet-selected" });
      var fieldset = el("fieldset", { class: "search-fieldset" }, [el("legend", { class: "visually-hidden", text: f.legend }), note, optionsList, toggle]);
      var details = el("details", { class: "search-facet", "data-facet": f.key }, [
        el("summary", { class: "search-facet-summary" }, [document.createTextNode(f.legend), selected]), fieldset
      ]);
      var group = { facet: f, details: details, list: optionsList, note: note, selected: selected, toggle: toggle, items: [], expanded: false };
      toggle.addEventListener("click", function () {
        group.expanded = !group.expanded;
        layoutFacet(group);
      });
      details.addEventListener("toggle", function () {
        if (details.open && !loaded[f.key]) loadFacet(f.key);
      });
      groups[f.key] = group;
      facetsBox.appendChild(details);
    });

    clearButton = el("button", { type: "button", class: "search-clear", hidden: "", text: "Clear all filters" });
    clearButton.addEventListener("click", function () {
      FACETS.forEach(function (f) { state[f.key] = []; });
      state.type = "";
      writeControls();
      updateHistory(true);
      input.focus();
      run(PAGE_SIZE);
    });
    facetsBox.appendChild(clearButton);
    facetsBox.addEventListener("change", onFilterChange);
  }

  function loadFacet(key) {
    if (!pagefind || loading[key]) return;
    loading[key] = true;
    var s = copyState(state);
    var ready;
    if (hasQuery(s)) {
      // Loads this facet's filter data with the query's index (already here), without narrowing anything.
      var filters = {};
      filters[key] = { none: [NO_VALUE] };
      ready = pagefind.preload(term(s), { filters: filters }).then(function () { loaded[key] = true; });
    } else {
      // Without a query, every facet's values at once: a query-less search would fetch the whole word index.
      ready = loadTotals();
    }
    ready.then(refreshCounts).catch(function () { loading[key] = false; });
  }

  function loadTotals() {
    return pagefind.filters().then(function (all) {
      totals = all || {};
      Object.keys(totals).forEach(function (key) { loaded[key] = true; });
    });
  }

  function item(group, value) {
    for (var i = 0; i < group.items.length; i++) if (group.items[i].value === value) return group.items[i];
    var checkbox = el("input", { type: "checkbox", name: group.facet.key, value: value });
    var countEl = el("span", { class: "search-count" });
    var li = el("li", {}, [el("label", {}, [checkbox, el("span", { class: "search-option-name", text: value }), countEl])]);
    var it = { value: value, input: checkbox, li: li, countEl: countEl, count: 0 };
    group.list.appendChild(li);
    group.items.push(it);
    return it;
  }

  function layoutFacet(group) {
    var key = group.facet.key;
    var focused = document.activeElement;
    var hasFocus = group.list.contains(focused);
    group.note.hidden = Boolean(loaded[key]);
    group.details.toggleAttribute("data-loaded", Boolean(loaded[key]));
    group.items.forEach(function (it) {
      it.countEl.textContent = loaded[key] ? " (" + it.count + ")" : "";
      it.available = !loaded[key] || it.count > 0 || it.input.checked || it.input === focused;
    });
    var ranked = group.items.slice().sort(function (a, b) {
      if (key === "year") return b.value.localeCompare(a.value);
      return b.count - a.count || a.value.localeCompare(b.value);
    });
    if (!hasFocus) ranked.forEach(function (it) { group.list.appendChild(it.li); }); // moving the focused box would blur it
    var available = ranked.filter(function (it) { return it.available; });
    available.forEach(function (it, rank) {
      it.li.hidden = !(group.expanded || rank < TOP_ENTRIES || it.input.checked || it.input === focused);
    });
    group.items.forEach(function (it) { if (!it.available) it.li.hidden = true; });
    group.toggle.hidden = available.length <= TOP_ENTRIES;
    group.toggle.setAttribute("aria-expanded", group.expanded ? "true" : "false");
    group.toggle.textContent = group.expanded ? "Show fewer " + group.facet.plural : "Show all " + available.length + " " + group.facet.plural;
    var chosen = state[key].length;
    group.selected.textContent = chosen ? " · " + chosen + " selected" : "";
    if (loaded[key] && !available.length) group.note.hidden = false;
    if (loaded[key]) group.note.textContent = available.length ? "" : "None for this search.";
  }

  function applyCounts(counts) {
    FACETS.forEach(function (f) {
      var group = groups[f.key];
      var values = counts[f.key];
      if (values) {
        Object.keys(values).forEach(function (v) { item(group, v); });
        group.items.forEach(function (it) { it.count = values[it.value] || 0; });
      }
      layoutFacet(group);
    });
    var types = counts.type;
    var all = 0;
    TYPES.forEach(function (t) {
      var n = types ? types[t.value] || 0 : null;
      all += n || 0;
      typeGroup.counts[t.value].textContent = n === null ? "" : " (" + n + ")";
    });
    typeGroup.counts[""].textContent = types ? " (" + all + ")" : "";
    var active = state.type ? 1 : 0;
    FACETS.forEach(function (f) { active += state[f.key].length; });
    activeBadge.textContent = active ? " (" + active + " active)" : "";
    clearButton.hidden = active === 0;
  }

  function readControls() {
    state.q = input.value;
    FACETS.forEach(function (f) {
      state[f.key] = groups[f.key].items.filter(function (it) { return it.input.checked; }).map(function (it) { return it.value; });
    });
    var checked = typeGroup.inputs.filter(function (r) { return r.checked; })[0];
    state.type = checked ? checked.value : "";
  }

  function writeControls() {
    if (input.value !== state.q) input.value = state.q;
    FACETS.forEach(function (f) {
      var group = groups[f.key];
      state[f.key].forEach(function (v) { item(group, v); });
      group.items.forEach(function (it) { it.input.checked = state[f.key].indexOf(it.value) !== -1; });
      if (state[f.key].length) group.details.open = true;
      layoutFacet(group);
    });
    typeGroup.inputs.forEach(function (r) { r.checked = r.value === state.type; });
    syncSort();
  }

  function syncSort() {
    sortSelect.options[0].disabled = !hasQuery(state);
    sortSelect.value = effectiveSort(state);
  }

  // ---- searching ----------------------------------------------------------------------------
  // Pagefind's filters for a state; `except` leaves that facet's selection out but keeps its data loaded
  // (a no-op filter), since Pagefind counts only the filters it has loaded.
  function pagefindFilters(s, except) {
    var filters = {};
    FACETS.forEach(function (f) {
      if (f.key !== except && s[f.key].length) filters[f.key] = { any: s[f.key].slice() };
    });
    if (except !== "type" && s.type) filters.type = s.type;
    if (except) filters[except] = { none: [NO_VALUE] };
    return filters;
  }

  function pagefindSort(s) {
    // Only briefs have a date: sorting by it leaves actor and country pages out.
    if (effectiveSort(s) !== "date" || s.type === "Actor" || s.type === "Country") return {};
    return { date: "desc" };
  }

  // Without a query, search for the word every record carries (see generator/search_records.py): Pagefind
  // then fetches that one word's index chunk, where a query-less search would fetch every chunk.
  var EVERY_RECORD = root.getAttribute("data-every-record") || null;
  function term(s) { return hasQuery(s) ? s.q.trim() : EVERY_RECORD; }

  // The search itself, and each facet's counts: for a facet with a selection, the same search without it.
  function searchWithCounts(s, withSort) {
    var selected = ["type"].concat(FACETS.map(function (f) { return f.key; })).filter(function (key) {
      return key === "type" ? Boolean(s.type) : s[key].length > 0;
    });
    var searches = [pagefind.search(term(s), { filters: pagefindFilters(s), sort: withSort ? pagefindSort(s) : {} })];
    selected.forEach(function (key) { searches.push(pagefind.search(term(s), { filters: pagefindFilters(s, key) })); });
    return Promise.all(searches).then(function (responses) {
      var counts = {};
      var main = responses[0].filters || {};
      Object.keys(main).forEach(function (key) { counts[key] = main[key]; });
      selected.forEach(function (key, i) {
        var other = responses[i + 1].filters || {};
        if (other[key]) counts[key] = other[key];
      });
      return { response: responses[0], counts: counts };
    });
  }

  function refreshCounts() {
    var asked = urlFromState(state);
    if (!hasQuery(state) && !hasFilters(state)) {
      applyCounts(totals || {});
      return Promise.resolve();
    }
    return searchWithCounts(copyState(state), false).then(function (out) {
      if (urlFromState(state) === asked) applyCounts(out.counts);
    });
  }

  function run(shown) {
    var token = ++searchToken;
    var s = copyState(state);
    syncSort();
    document.title = hasQuery(s) ? s.q.trim() + " – " + baseTitle : baseTitle;
    if (!hasQuery(s) && !hasFilters(s)) {
      current = null;
      list.textContent = "";
      moreButton.hidden = true;
      setStatus("Type a word, or pick a filter to list briefs.", null);
      applyCounts(totals || {});
      settled();
      return Promise.resolve();
    }
    list.setAttribute("aria-busy", "true");
    return searchWithCounts(s, true).then(function (out) {
      if (token !== searchToken) return null;
      // Filters in use are loaded now.
      Object.keys(out.counts).forEach(function (key) { loaded[key] = true; });
      applyCounts(out.counts);
      current = { results: out.response.results, shown: 0, state: s, typeCounts: out.counts.type };
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
    var view = current;
    var slice = view.results.slice(view.shown, view.shown + count);
    list.setAttribute("aria-busy", "true");
    moreButton.disabled = true;
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (data) {
      if (view !== current) return;
      var firstNew = null;
      data.forEach(function (d) {
        var node = renderResult(d, view.state);
        list.appendChild(node);
        if (!firstNew) firstNew = node.querySelector("a");
      });
      view.shown += slice.length;
      list.removeAttribute("aria-busy");
      var left = view.results.length - view.shown;
      moreButton.hidden = left <= 0;
      moreButton.disabled = false;
      moreButton.textContent = "Load more (" + Math.min(PAGE_SIZE, left) + " of " + left + " remaining)";
      announce(view);
      if (focusFirst && firstNew) firstNew.focus();
      settled();
    });
  }

  function countText(view) {
    var s = view.state;
    var total = view.results.length;
    var kind = null;
    // Only briefs carry actor, country, topic and year filters, and a date to sort by.
    if (s.type) kind = TYPES.filter(function (t) { return t.value === s.type; })[0];
    else if (facetFiltered(s) || pagefindSort(s).date) kind = BRIEF;
    if (total === 0) return "No results";
    if (kind) return plural(total, kind.one, kind.many);
    var types = view.typeCounts;
    if (!types) return plural(total, "result", "results");
    var kinds = TYPES.filter(function (t) { return types[t.value]; });
    if (kinds.length === 1) return plural(total, kinds[0].one, kinds[0].many);
    return plural(total, "result", "results") + " (" + kinds.map(function (t) { return plural(types[t.value], t.one, t.many); }).join(", ") + ")";
  }

  function announce(view) {
    var s = view.state;
    var text = countText(view);
    if (hasQuery(s)) text += " for “" + s.q.trim() + "”";
    var filters = [];
    FACETS.forEach(function (f) { filters = filters.concat(s[f.key]); });
    if (filters.length) text += ", filtered by " + filters.join(", ");
    if (!view.results.length) text += hasFilters(s) ? ". Try fewer filters or other words." : ". Try other words.";
    else if (view.shown < view.results.length) text += ". Showing " + view.shown + ".";
    else text += ".";
    setStatus(text, view.results.length);
  }

  function setStatus(text, count) {
    statusEl.textContent = text;
    if (count === null) statusEl.removeAttribute("data-count");
    else statusEl.setAttribute("data-count", String(count));
  }

  function settled() {
    // Counts rendered searches on #search: tests and scripts can wait for it.
    settledCount += 1;
    root.setAttribute("data-searches", String(settledCount));
  }

  // ---- results ------------------------------------------------------------------------------
  function resultURL(url) {
    // Pagefind's URLs are site-absolute paths ("/2024/x/"), percent-encoded by the generator: put them under
    // the site root. Always as a path ("./"): whatever a URL holds, it can never become another scheme or host.
    return new URL("./" + String(url).replace(/^\/+/, ""), siteRoot).href;
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
      var text = part.replace(/&(lt|gt|amp|quot|#39|#x27);/g, function (_, name) { return ENTITIES[name]; }).replace(FLAGS, "");
      if (EVERY_RECORD) text = text.split(EVERY_RECORD).join("");  // the word every record ends with (see term)
      if (text) nodes.push(marked ? el("mark", { text: text }) : document.createTextNode(text));
    });
    return nodes;
  }

  function summaryOf(data) {
    // No query, so no excerpt: the brief's summary, which follows its title in the indexed text.
    if (data.meta && data.meta.summary) return data.meta.summary;
    var content = String(data.content || "").replace(FLAGS, "");
    var title = String((data.meta && data.meta.title) || "").replace(FLAGS, "");
    if (title && content.indexOf(title) === 0) content = content.slice(title.length).replace(/^[.\s]+/, "");
    var end = content.search(/ (Analytic confidence:|Actors |Countries |Topics )/);
    if (end > 0) content = content.slice(0, end);
    var words = content.split(/\s+/);
    return words.length > 45 ? words.slice(0, 40).join(" ") + " …" : content;
  }

  function renderResult(data, s) {
    var filters = data.filters || {};
    var type = (filters.type || [])[0] || "Brief";
    var link = el("a", { class: "brief-item-title", href: resultURL(data.url), text: (data.meta && data.meta.title) || data.url });
    var dateLine = el("p", { class: "brief-item-date" });
    if (type === "Brief" && data.meta && data.meta.date) dateLine.appendChild(el("span", { text: data.meta.date }));
    else dateLine.appendChild(el("span", { class: "search-result-type", text: type }));
    var text = el("div", { class: "brief-item-text" }, [link]);
    if ((filters.country || []).length) text.appendChild(el("p", { class: "search-result-places", text: filters.country.join(" · ") }));
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
    if (pagefind) run(PAGE_SIZE);
  }

  function unavailable() {
    ui.hidden = true;
    var note = el("p", { class: "noscript-note", role: "alert" }, [document.createTextNode("Search could not be loaded. You can find every brief through the ")]);
    [["actors/", "Actors"], ["countries/", "Countries"], ["topics/", "Topics"], ["archive/", "Archive"]].forEach(function (pair, i) {
      if (i) note.appendChild(document.createTextNode(i === 3 ? " indexes and the " : i === 2 ? " and " : ", "));
      note.appendChild(el("a", { href: new URL(pair[0], siteRoot).href, text: pair[1] }));
    });
    note.appendChild(document.createTextNode("."));
    root.appendChild(note);
  }

  function start() {
    buildFacets();
    ui.hidden = false;
    if (window.matchMedia && window.matchMedia("(min-width: 52rem)").matches) filtersBox.open = true;
    state = stateFromURL();
    writeControls();
    setStatus("Loading search…", null);

    input.addEventListener("focus", function () {
      if (pagefind && pagefind.init) pagefind.init(); // fetch Pagefind's metadata while the reader types
    });
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

    import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
      pagefind = module;
      // Keep result URLs as indexed ("/2024/x/"); resultURL() maps them. (Pagefind would otherwise guess a
      // prefix from where pagefind.js was loaded.) Search in this thread: a search over tens of thousands
      // of briefs takes milliseconds, and Pagefind's web worker would be one more script to download.
      return pagefind.options({ baseUrl: "/", noWorker: true });
    }).then(function () {
      FACETS.forEach(function (f) { if (groups[f.key].details.open && !state[f.key].length) loadFacet(f.key); });
      return run(window.history.state && window.history.state.shown);
    }).catch(unavailable);
  }

  start();
})();

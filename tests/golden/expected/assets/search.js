/* Briefing theme: the search page, on Pagefind's JS API (our own UI, no framework). An ES module.

   - Pagefind is imported on demand from <site root>/pagefind/pagefind.js. The site root comes from
     data-site-root (rendered from base_url), so the site works at any depth and under a sub-path.
   - The view is in the URL: ?q=&actor=&country=&topic=&year=&type=&sort=date|relevance&scope=all&lang= (keys
     repeat), and one key per role that briefs give, such as country_origin= (data-role-facets, from the page's
     SearchView).
     Typing replaces the history entry (debounced); filter changes push one; load and popstate restore it.
   - Facets: OR within a facet, AND across facets. A value's count is what ticking it would give.
   - Bytes: a facet's values are fetched when the reader opens or uses it (Pagefind counts only the
     filters it has loaded), and only the results on screen have their fragment fetched. (Pagefind 1.5
     fetches its whole word index for a search without words: facets without a query cost that.)
   - Every record carries its own summary (meta.summary), shown when there is no query to excerpt around.
   - Untrusted text goes in as text; Pagefind's excerpt (escaped text with <mark>) is rebuilt from its marks.
   - A large site's index is in shards (data-shards, newest first; generator/site/search_shards.py): the newest at
     pagefind/, older ones at pagefind/shards/<n>/. A search reads the newest alone ("recent" scope) until the reader
     asks for every brief (scope=all), picks years (the shards holding them) or lists actors or countries (the
     newest holds them all). Each older shard is its own Pagefind instance, made when first needed.
   - Its words are the site's locale's (data-strings: the locale file's search_js.*), English where the page gives
     none (a theme's older search.html). */

const PAGE_SIZE = 10;
const TOP_ENTRIES = 8;
const DEBOUNCE_MS = 250;
const NO_VALUE = "\u0000"; // a filter value no page has: {none: [NO_VALUE]} loads a facet without narrowing
const BASE_FACETS = ["actor", "country", "topic", "year"];
// Pagefind's type filter values, and the keys of their words: the option, a result's label, a count.
const TYPES = [
  { value: "Brief", option: "type_briefs", name: "kind_brief", count: "briefs" },
  { value: "Actor", option: "type_actors", name: "kind_actor", count: "actors" },
  { value: "Country", option: "type_countries", name: "kind_country", count: "countries" },
];
const BRIEF = TYPES[0];
const ENTITIES = { lt: "<", gt: ">", amp: "&", quot: '"', "#39": "'", "#x27": "'" };
// templates/locales/en.yml's search_js, for a page that gives no words. A plural string is its forms by CLDR
// category; a string that begins with a space or a mark is added to the end of the status line.
const ENGLISH = {
  loading_search: "Loading search…",
  prompt: "Type a word, or pick a filter to list briefs.",
  failed: "Search failed: {error}.",
  unknown_error: "unknown error",
  show: "Show",
  type_all: "All",
  type_briefs: "Briefs",
  type_actors: "Actors",
  type_countries: "Countries",
  kind_brief: "Brief",
  kind_actor: "Actor",
  kind_country: "Country",
  facet_actor: "Actor",
  facet_country: "Country",
  facet_topic: "Topic",
  facet_year: "Year",
  values_actor: "actors",
  values_country: "countries",
  values_topic: "topics",
  values_year: "years",
  show_fewer: "Show fewer {values}",
  show_all: "Show all {count} {values}",
  loading: "Loading…",
  selected: { other: "{count} selected" },
  none: "None for this search.",
  active: { other: "{count} active" },
  clear: "Clear all filters",
  more: { other: "Load more ({next} of {count} remaining)" },
  no_results: "No results",
  results: { one: "{count} result", other: "{count} results" },
  briefs: { one: "{count} brief", other: "{count} briefs" },
  actors: { one: "{count} actor", other: "{count} actors" },
  countries: { one: "{count} country", other: "{count} countries" },
  for_query: " for “{query}”",
  filtered_by: ", filtered by {filters}",
  try_fewer: ". Try fewer filters or other words.",
  try_other: ". Try other words.",
  showing: ". Showing {count}.",
  unavailable:
    "Search could not be loaded. You can find every brief through the {actors}, {countries} and {topics} indexes and the {archive}.",
  actors_link: "Actors",
  countries_link: "Countries",
  topics_link: "Topics",
  archive_link: "Archive",
  since: " since {date}",
  search_all: "Search all {total} briefs",
};

const root = document.getElementById("search");
if (root) start(root);

function start(root) {
  const $ = (id) => document.getElementById(id);
  const siteRoot = new URL(root.dataset.siteRoot || "../", location.href);
  // Without a query, search for the word every record carries in its meta (see generator/site/search_records.py):
  // Pagefind then fetches that one word's index chunk, where a query-less search would fetch every chunk.
  const everyRecord = root.dataset.everyRecord || null;
  const say = wordsOf(root.dataset.strings, document.documentElement.lang);
  const FACETS = withRoleFacets(
    BASE_FACETS.map((key) => ({ key, legend: say(`facet_${key}`), plural: say(`values_${key}`) })),
    root.dataset.roleFacets,
  );
  const form = $("search-form");
  const input = $("search-input");
  const facetsBox = $("search-facets");
  const activeBadge = $("search-filters-active");
  const statusEl = $("search-status");
  const list = $("search-results");
  const moreButton = $("search-more");
  const sortSelect = $("search-sort");
  const baseTitle = document.title;
  const shards = readShards(root.dataset.shards);
  const sharded = shards.length > 1; // a site of one shard searches as it always did: no scope, no instances
  const ALL = shards.map((_, i) => i);
  // The index searched: Pagefind keeps one per language and loads the one of <html lang> when it starts
  // (its findIndex: the exact tag, else the tag's language, else the largest). ?lang= picks another, among
  // the languages the page offers (a select, only on a site of several); '' is the page's own.
  const langSelect = $("search-lang");
  const pageTag = document.documentElement.lang;
  const pageLang = pageTag.toLowerCase(); // the options' values are lower case, as Pagefind compares tags
  const offered = langSelect ? [...langSelect.options].map((o) => o.value) : [];
  const askedLang = new URLSearchParams(location.search).get("lang") || "";
  const searchLang = offered.includes(askedLang) && askedLang !== pageLang ? askedLang : "";
  if (langSelect) {
    langSelect.value = searchLang || pageLang;
    // Another index is another Pagefind: the page loads again with the language in its URL.
    langSelect.addEventListener("change", () => {
      const url = new URL(location.href);
      if (langSelect.value === pageLang) url.searchParams.delete("lang");
      else url.searchParams.set("lang", langSelect.value);
      location.assign(url.href);
    });
  }

  let pagefind = null;
  const instances = []; // an older shard's Pagefind, by its index in `shards`, made when first searched
  const groups = new Map(); // facet key -> its controls and values
  let typeGroup = null;
  let clearButton = null;
  const loaded = new Set(); // facet keys whose values Pagefind has loaded
  const loading = new Set();
  const totals = new Map(); // every facet's counts over some shards (their indexes, joined), once fetched
  let state = emptyState();
  // The view on screen: its state, and its results once found. Work started for an older view is dropped
  // when it completes (the one guard against stale results).
  let current = { state, results: null, shown: 0 };
  let typingTimer = 0;
  let settledCount = 0;
  let idCounter = 0;

  // ---- state and the URL ----------------------------------------------------------------------
  function emptyState() {
    return { q: "", ...Object.fromEntries(FACETS.map((f) => [f.key, []])), type: "", sort: "", scope: "" };
  }

  const copyState = (s) => ({ ...s, ...Object.fromEntries(FACETS.map((f) => [f.key, [...s[f.key]]])) });

  function stateFromURL() {
    const params = new URLSearchParams(location.search);
    const s = emptyState();
    s.q = params.get("q") || "";
    for (const f of FACETS) s[f.key] = [...new Set(params.getAll(f.key).map((v) => v.trim()).filter(Boolean))];
    const type = (params.get("type") || "").toLowerCase();
    s.type = TYPES.find((t) => t.value.toLowerCase() === type)?.value || "";
    const sort = params.get("sort");
    s.sort = sort === "date" || sort === "relevance" ? sort : "";
    s.scope = sharded && params.get("scope") === "all" ? "all" : "";
    return s;
  }

  function urlFromState(s) {
    const params = new URLSearchParams();
    if (s.q) params.set("q", s.q);
    for (const f of FACETS) for (const v of s[f.key]) params.append(f.key, v);
    if (s.type) params.set("type", s.type);
    if (s.sort && s.sort !== defaultSort(s)) params.set("sort", s.sort);
    if (sharded && s.scope === "all") params.set("scope", "all");
    if (searchLang) params.set("lang", searchLang);
    const query = params.toString();
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }

  const hasQuery = (s) => s.q.trim() !== "";
  const defaultSort = (s) => (hasQuery(s) ? "relevance" : "date");
  const effectiveSort = (s) => (hasQuery(s) ? s.sort || "relevance" : "date"); // no query, no relevance
  const facetFiltered = (s) => FACETS.some((f) => s[f.key].length > 0);
  const hasFilters = (s) => Boolean(s.type) || facetFiltered(s);
  const entityType = (s) => s.type === "Actor" || s.type === "Country";

  // ---- shards ---------------------------------------------------------------------------------
  // The shards a search reads (indexes into `shards`, newest first). Actors and countries are all in the newest;
  // years are where data-shards says they are, whatever the scope; else the scope decides.
  function shardsFor(s) {
    if (!sharded || entityType(s)) return [0];
    if (s.year.length) {
      const holding = ALL.filter((i) => s.year.some((year) => shards[i].years?.[year]));
      return holding.length ? holding : [0];
    }
    return s.scope === "all" ? ALL : [0];
  }

  // The search reads the newest shard only because the reader has not asked for more: the status says since when,
  // and the button offers the rest.
  const recentOnly = (s) => sharded && s.scope !== "all" && !s.year.length && !entityType(s);

  // A shard's Pagefind (a promise). Pagefind's instances share one WebAssembly module, which the first to load
  // sets up: two loading it at once would each set up one, and the first's index would then point into the
  // second's memory ("memory access out of bounds"). So the first to be asked for loads alone; the others are made
  // once it has (each then finds the module there).
  let firstLoaded = null;
  function engine(i) {
    if (!instances[i]) {
      const make = () =>
        i === 0
          ? pagefind
          : underSearchLang(() =>
              pagefind.createInstance({ basePath: new URL(shards[i].path, siteRoot).href, baseUrl: "/", noWorker: true }),
            );
      if (firstLoaded) {
        instances[i] = firstLoaded.then(make);
      } else {
        instances[i] = firstLoaded = (async () => {
          const instance = make();
          if (i === 0) await pagefind.init(); // the module's own instance is made by its first call
          // Options with no weights change nothing; they resolve once the index and WebAssembly are loaded.
          await instance.options({ ranking: {} });
          return instance;
        })();
      }
    }
    return instances[i];
  }

  // Pagefind reads <html lang> once, when an instance is made: it is made under the language asked for (?lang=),
  // and the page gets its own language back at once (what a screen reader reads it in).
  function underSearchLang(make) {
    if (!searchLang) return make();
    document.documentElement.lang = searchLang;
    try {
      return make();
    } finally {
      document.documentElement.lang = pageTag;
    }
  }

  // Counts from several shards, added up. A year held by a shard that was not read has no count (null): the
  // reader can still pick it, and the search then reads the shards holding it.
  function sumCounts(all, read) {
    const sum = {};
    for (const filters of all) {
      for (const [key, values] of Object.entries(filters || {})) {
        const into = (sum[key] ||= {});
        for (const [value, n] of Object.entries(values)) into[value] = (into[value] || 0) + n;
      }
    }
    if (sharded && sum.year) {
      for (const i of ALL) if (!read.includes(i)) for (const year of Object.keys(shards[i].years || {})) sum.year[year] = null;
    }
    return sum;
  }

  // Results of several shards as one list: by date, the newest shard's first (each is in date order and shards
  // never overlap); by relevance, by Pagefind's score.
  function mergeResults(responses, byDate) {
    if (responses.length === 1) return responses[0].results;
    const all = responses.flatMap((r) => r.results);
    return byDate ? all : all.sort((a, b) => b.score - a.score);
  }

  // Pagefind counts only the filters an instance has loaded: in a site of shards, each search also loads (without
  // narrowing) every facet already counted, so that every shard's counts add up.
  function withLoaded(filters) {
    if (!sharded) return filters;
    for (const key of loaded) if (!(key in filters)) filters[key] = { none: [NO_VALUE] };
    return filters;
  }

  const union = (a, b) => [...new Set([...a, ...b])].sort((x, y) => x - y);
  const totalsOf = (s) => totals.get(shardsFor(s).join());

  function updateHistory(push) {
    const url = urlFromState(state);
    if (url === location.pathname + location.search + location.hash) return;
    history[push ? "pushState" : "replaceState"]({ shown: PAGE_SIZE }, "", url);
  }

  // ---- DOM helpers ----------------------------------------------------------------------------
  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    node.append(...children.filter(Boolean));
    return node;
  }

  const typeName = (value) => {
    const type = TYPES.find((t) => t.value === value);
    return type ? say(type.name) : value;
  };

  // ---- facets ---------------------------------------------------------------------------------
  function buildFacets() {
    const options = el("ul", { class: "search-options" });
    const inputs = [];
    const counts = new Map();
    for (const t of [{ value: "", option: "type_all" }, ...TYPES]) {
      const radio = el("input", { type: "radio", name: "type", value: t.value });
      const count = el("span", { class: "search-count" });
      counts.set(t.value, count);
      inputs.push(radio);
      options.append(el("li", {}, [el("label", {}, [radio, el("span", { class: "search-option-name", text: say(t.option) }), count])]));
    }
    facetsBox.append(el("fieldset", { class: "search-fieldset search-type" }, [el("legend", { text: say("show") }), options]));
    typeGroup = { inputs, counts };

    for (const f of FACETS) {
      const listId = `facet-${f.key}-${++idCounter}`;
      const optionsList = el("ul", { class: "search-options", id: listId });
      const toggle = el("button", { type: "button", class: "search-show-all", "aria-expanded": "false", "aria-controls": listId, hidden: "" });
      const note = el("p", { class: "search-facet-note", text: say("loading") });
      const selected = el("span", { class: "search-facet-selected" });
      const fieldset = el("fieldset", { class: "search-fieldset" }, [el("legend", { class: "visually-hidden", text: f.legend }), note, optionsList, toggle]);
      const details = el("details", { class: "search-facet", "data-facet": f.key }, [
        el("summary", { class: "search-facet-summary" }, [document.createTextNode(f.legend), selected]),
        fieldset,
      ]);
      const group = { facet: f, details, list: optionsList, note, selected, toggle, items: new Map(), expanded: false };
      toggle.addEventListener("click", () => {
        group.expanded = !group.expanded;
        layoutFacet(group);
      });
      details.addEventListener("toggle", () => {
        if (details.open && !loaded.has(f.key)) loadFacet(f.key);
      });
      groups.set(f.key, group);
      facetsBox.append(details);
    }

    clearButton = el("button", { type: "button", class: "search-clear", hidden: "", text: say("clear") });
    clearButton.addEventListener("click", () => {
      for (const f of FACETS) state[f.key] = [];
      state.type = "";
      writeControls();
      updateHistory(true);
      input.focus();
      run(PAGE_SIZE);
    });
    facetsBox.append(clearButton);
    facetsBox.addEventListener("change", onFilterChange);
  }

  async function loadFacet(key) {
    if (!pagefind || loading.has(key)) return;
    loading.add(key);
    try {
      const s = current.state;
      if (hasQuery(s)) {
        // Loads this facet's filter data with the query's index (already here), without narrowing anything.
        const filters = { [key]: { none: [NO_VALUE] } };
        await Promise.all(shardsFor(s).map(async (i) => (await engine(i)).preload(term(s), { filters })));
        loaded.add(key);
      } else {
        // Without a query, every facet's values at once: a query-less search would fetch the whole word index.
        await loadTotals(s);
      }
      await refreshCounts(current);
    } catch {
      loading.delete(key);
    }
  }

  async function loadTotals(s) {
    const read = shardsFor(s);
    const counts = sumCounts(await Promise.all(read.map(async (i) => (await engine(i)).filters())), read);
    totals.set(read.join(), counts);
    for (const key of Object.keys(counts)) loaded.add(key);
  }

  function item(group, value) {
    let it = group.items.get(value);
    if (it) return it;
    const checkbox = el("input", { type: "checkbox", name: group.facet.key, value });
    const countEl = el("span", { class: "search-count" });
    const li = el("li", {}, [el("label", {}, [checkbox, el("span", { class: "search-option-name", text: value }), countEl])]);
    it = { value, input: checkbox, li, countEl, count: 0, available: true }; // count null: not known (sumCounts)
    group.list.append(li);
    group.items.set(value, it);
    return it;
  }

  function layoutFacet(group) {
    const key = group.facet.key;
    const isLoaded = loaded.has(key);
    const focused = document.activeElement;
    const hasFocus = group.list.contains(focused);
    const items = [...group.items.values()];
    group.note.hidden = isLoaded;
    group.details.toggleAttribute("data-loaded", isLoaded);
    for (const it of items) {
      it.countEl.textContent = isLoaded && it.count !== null ? ` (${it.count})` : "";
      it.available = !isLoaded || it.count === null || it.count > 0 || it.input.checked || it.input === focused;
    }
    const ranked = items.sort((a, b) =>
      key === "year" ? b.value.localeCompare(a.value) : b.count - a.count || a.value.localeCompare(b.value),
    );
    if (!hasFocus) for (const it of ranked) group.list.append(it.li); // moving the focused box would blur it
    const available = ranked.filter((it) => it.available);
    available.forEach((it, rank) => {
      it.li.hidden = !(group.expanded || rank < TOP_ENTRIES || it.input.checked || it.input === focused);
    });
    for (const it of ranked) if (!it.available) it.li.hidden = true;
    group.toggle.hidden = available.length <= TOP_ENTRIES;
    group.toggle.setAttribute("aria-expanded", String(group.expanded));
    group.toggle.textContent = group.expanded
      ? say("show_fewer", { values: group.facet.plural })
      : say("show_all", { count: available.length, values: group.facet.plural });
    const chosen = state[key].length;
    group.selected.textContent = chosen ? ` · ${say("selected", { count: chosen })}` : "";
    if (isLoaded) {
      group.note.hidden = available.length > 0;
      group.note.textContent = available.length ? "" : say("none");
    }
  }

  function applyCounts(counts) {
    for (const f of FACETS) {
      const group = groups.get(f.key);
      const values = counts[f.key];
      if (values) {
        for (const v of Object.keys(values)) item(group, v);
        for (const it of group.items.values()) it.count = values[it.value] === null ? null : values[it.value] || 0;
      }
      layoutFacet(group);
    }
    const types = counts.type;
    let all = 0;
    for (const t of TYPES) {
      const n = types ? types[t.value] || 0 : null;
      all += n || 0;
      typeGroup.counts.get(t.value).textContent = n === null ? "" : ` (${n})`;
    }
    typeGroup.counts.get("").textContent = types ? ` (${all})` : "";
    const active = (state.type ? 1 : 0) + FACETS.reduce((sum, f) => sum + state[f.key].length, 0);
    activeBadge.textContent = active ? ` (${say("active", { count: active })})` : "";
    clearButton.hidden = active === 0;
  }

  function readControls() {
    state.q = input.value;
    for (const f of FACETS) {
      state[f.key] = [...groups.get(f.key).items.values()].filter((it) => it.input.checked).map((it) => it.value);
    }
    state.type = typeGroup.inputs.find((r) => r.checked)?.value || "";
  }

  function writeControls() {
    if (input.value !== state.q) input.value = state.q;
    for (const f of FACETS) {
      const group = groups.get(f.key);
      const chosen = new Set(state[f.key]);
      for (const v of chosen) item(group, v);
      for (const it of group.items.values()) it.input.checked = chosen.has(it.value);
      if (chosen.size) group.details.open = true;
      layoutFacet(group);
    }
    for (const r of typeGroup.inputs) r.checked = r.value === state.type;
    syncSort();
  }

  function syncSort() {
    sortSelect.options[0].disabled = !hasQuery(state);
    sortSelect.value = effectiveSort(state);
  }

  // ---- searching ------------------------------------------------------------------------------
  // Pagefind's filters for a state; `except` leaves that facet's selection out but keeps its data loaded
  // (a no-op filter), since Pagefind counts only the filters it has loaded.
  function pagefindFilters(s, except) {
    const filters = {};
    for (const f of FACETS) if (f.key !== except && s[f.key].length) filters[f.key] = { any: [...s[f.key]] };
    if (except !== "type" && s.type) filters.type = s.type;
    if (except) filters[except] = { none: [NO_VALUE] };
    return filters;
  }

  function pagefindSort(s) {
    // Only briefs have a date: sorting by it leaves actor and country pages out.
    if (effectiveSort(s) !== "date" || s.type === "Actor" || s.type === "Country") return {};
    return { date: "desc" };
  }

  // A reader's words, less any the every-record word starts with (as Pagefind would read the word: letters and
  // digits, lower case): typing it, or its start, must not list the whole site. With no word left, nothing is found.
  function term(s) {
    if (!hasQuery(s)) return everyRecord;
    const ours = (word) => {
      const bare = word.replace(/[^\p{L}\p{N}]/gu, "").toLowerCase();
      return bare !== "" && everyRecord?.startsWith(bare);
    };
    return s.q.trim().split(/\s+/).filter((word) => !ours(word)).join(" ");
  }

  // The search itself, and each facet's counts: for a facet with a selection, the same search without it (in the
  // shards either search reads: a year's count is what picking it would give, from every shard holding it).
  async function searchWithCounts(s, withSort) {
    const selected = ["type", ...FACETS.map((f) => f.key)].filter((key) => (key === "type" ? s.type : s[key].length));
    const read = shardsFor(s);
    const readFor = selected.map((key) => union(read, shardsFor({ ...s, [key]: key === "type" ? "" : [] })));
    const sort = withSort ? pagefindSort(s) : {};
    const searchIn = (list, filters, options) =>
      Promise.all(list.map(async (i) => (await engine(i)).search(term(s), { filters: withLoaded(filters), ...options })));
    const [mains, ...others] = await Promise.all([
      searchIn(read, pagefindFilters(s), { sort }),
      ...selected.map((key, k) => searchIn(readFor[k], pagefindFilters(s, key), {})),
    ]);
    // Actors and countries have no year: with them, a shard not read would add no year's count either.
    const counted = (list) => (entityType(s) ? ALL : list);
    const counts = sumCounts(mains.map((r) => r.filters), counted(read));
    selected.forEach((key, k) => {
      const theirs = sumCounts(others[k].map((r) => r.filters), counted(readFor[k]));
      if (theirs[key]) counts[key] = theirs[key];
    });
    return { results: mergeResults(mains, Boolean(sort.date)), counts };
  }

  async function refreshCounts(view) {
    if (!hasQuery(view.state) && !hasFilters(view.state)) {
      if (view === current) applyCounts(totalsOf(view.state) || {});
      return;
    }
    const { counts } = await searchWithCounts(view.state, false);
    if (view === current) applyCounts(counts);
  }

  async function run(shown) {
    const s = copyState(state);
    const view = { state: s, results: null, shown: 0 };
    current = view;
    syncSort();
    document.title = hasQuery(s) ? `${s.q.trim()} – ${baseTitle}` : baseTitle;
    if (!hasQuery(s) && !hasFilters(s)) {
      list.textContent = "";
      moreButton.hidden = true;
      if (scopeRow) scopeRow.hidden = true;
      setStatus(say("prompt"), null);
      const known = totalsOf(s);
      applyCounts(known || {});
      // Facets counted over other shards (before the scope changed) are counted again over these.
      if (!known && loaded.size) loadTotals(s).then(() => refreshCounts(view), () => {});
      settled();
      return;
    }
    list.setAttribute("aria-busy", "true");
    try {
      const { results, counts } = await searchWithCounts(s, true);
      if (view !== current) return;
      for (const key of Object.keys(counts)) loaded.add(key); // filters in use are loaded now
      applyCounts(counts);
      view.results = results;
      view.typeCounts = counts.type;
      list.textContent = "";
      await showMore(view, Math.max(PAGE_SIZE, shown || PAGE_SIZE), false);
    } catch (error) {
      if (view !== current) return;
      list.removeAttribute("aria-busy");
      if (scopeRow) scopeRow.hidden = true;
      setStatus(say("failed", { error: error?.message || say("unknown_error") }), null);
      settled();
    }
  }

  async function showMore(view, count, focusFirst) {
    const slice = view.results.slice(view.shown, view.shown + count);
    list.setAttribute("aria-busy", "true");
    moreButton.disabled = true;
    const data = await Promise.all(slice.map((r) => r.data()));
    if (view !== current) return;
    const nodes = data.map((d) => renderResult(d, view.state));
    list.append(...nodes);
    view.shown += slice.length;
    list.removeAttribute("aria-busy");
    const left = view.results.length - view.shown;
    moreButton.hidden = left <= 0;
    moreButton.disabled = false;
    moreButton.textContent = say("more", { next: Math.min(PAGE_SIZE, left), count: left });
    announce(view);
    if (focusFirst) nodes[0]?.querySelector("a")?.focus();
    settled();
  }

  function countText(view) {
    const s = view.state;
    const total = view.results.length;
    // Only briefs carry actor, country, topic and year filters, and a date to sort by.
    let kind = s.type ? TYPES.find((t) => t.value === s.type) : null;
    if (!kind && (facetFiltered(s) || pagefindSort(s).date)) kind = BRIEF;
    if (total === 0) return say("no_results");
    if (kind) return say(kind.count, { count: total });
    const types = view.typeCounts;
    if (!types) return say("results", { count: total });
    const kinds = TYPES.filter((t) => types[t.value]);
    if (kinds.length === 1) return say(kinds[0].count, { count: total });
    const each = kinds.map((t) => say(t.count, { count: types[t.value] }));
    return `${say("results", { count: total })} (${each.join(", ")})`;
  }

  function announce(view) {
    const s = view.state;
    let text = countText(view);
    if (hasQuery(s)) text += say("for_query", { query: s.q.trim() });
    const filters = FACETS.flatMap((f) => s[f.key]);
    if (filters.length) text += say("filtered_by", { filters: filters.join(", ") });
    const recent = recentOnly(s);
    if (recent) text += say("since", { date: shards[0].since || formatDate(shards[0].from) });
    if (!view.results.length) text += say(hasFilters(s) ? "try_fewer" : "try_other");
    else if (view.shown < view.results.length) text += say("showing", { count: view.shown });
    else text += ".";
    setStatus(text, view.results.length);
    if (scopeRow) scopeRow.hidden = !recent;
  }

  function formatDate(iso) {
    const [year, month, day] = String(iso).split("-").map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    if (Number.isNaN(date.getTime())) return String(iso);
    try {
      return new Intl.DateTimeFormat(pageTag || "en", { dateStyle: "long", timeZone: "UTC" }).format(date);
    } catch {
      return date.toISOString().slice(0, 10); // a tag the browser cannot read
    }
  }

  function formatNumber(n) {
    try {
      return new Intl.NumberFormat(pageTag || "en").format(n);
    } catch {
      return String(n);
    }
  }

  // The offer to search every shard: a site of shards only, under the status, shown while a search reads the
  // newest shard alone.
  function buildScope() {
    if (!sharded) return null;
    const total = shards.reduce((sum, shard) => sum + (Number(shard.briefs) || 0), 0);
    const button = el("button", { type: "button", class: "search-scope", id: "search-scope", text: say("search_all", { total: formatNumber(total) }) });
    const row = el("p", { class: "search-scope-row", hidden: "" }, [button]);
    statusEl.closest(".search-toolbar").after(row);
    statusEl.setAttribute("tabindex", "-1");
    button.addEventListener("click", () => {
      state.scope = "all";
      updateHistory(true);
      // The button goes: the reader lands on the status line, which says what the wider search finds.
      statusEl.focus();
      if (pagefind) run(PAGE_SIZE);
    });
    return row;
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

  // ---- results --------------------------------------------------------------------------------
  function resultURL(url) {
    // Pagefind's URLs are site-absolute paths ("/2024/x/"), percent-encoded by the generator: put them under
    // the site root. Always as a path ("./"): whatever a URL holds, it can never become another scheme or host.
    return new URL("./" + String(url).replace(/^\/+/, ""), siteRoot).href;
  }

  function excerptNodes(html) {
    // Pagefind's excerpt is escaped text with <mark> tags: keep the marks, everything else is text.
    const nodes = [];
    let marked = false;
    for (const part of String(html).split(/(<\/?mark>)/i)) {
      if (/^<mark>$/i.test(part)) marked = true;
      else if (/^<\/mark>$/i.test(part)) marked = false;
      else if (part) {
        const text = part.replace(/&(lt|gt|amp|quot|#39|#x27);/g, (_, name) => ENTITIES[name]);
        nodes.push(marked ? el("mark", { text }) : document.createTextNode(text));
      }
    }
    return nodes;
  }

  function renderResult(data, s) {
    const meta = data.meta || {};
    const filters = data.filters || {};
    const type = filters.type?.[0] || "Brief";
    const link = el("a", { class: "brief-item-title", href: resultURL(data.url), text: meta.title || data.url });
    const dateLine = el("p", { class: "brief-item-date" }, [
      type === "Brief" && meta.date ? el("span", { text: meta.date }) : el("span", { class: "search-result-type", text: typeName(type) }),
    ]);
    const text = el("div", { class: "brief-item-text" }, [link]);
    if (filters.country?.length) text.append(el("p", { class: "search-result-places", text: filters.country.join(" · ") }));
    const summary = el("p", { class: "brief-item-summary" });
    if (hasQuery(s) && data.excerpt) summary.append(...excerptNodes(data.excerpt));
    else summary.textContent = meta.summary || "";
    if (summary.textContent.trim()) text.append(summary);
    return el("li", { class: `brief-item search-result search-result-${type.toLowerCase()}` }, [dateLine, text]);
  }

  // ---- events ---------------------------------------------------------------------------------
  function onFilterChange(event) {
    const target = event.target;
    if (target?.type !== "checkbox" && target?.type !== "radio") return;
    readControls();
    updateHistory(true);
    if (pagefind) run(PAGE_SIZE);
  }

  function unavailable() {
    $("search-ui").hidden = true;
    // The sentence's {actors}, {countries}, {topics} and {archive} become links to those pages.
    const links = ["actors", "countries", "topics", "archive"];
    const note = el("p", { class: "noscript-note", role: "alert" });
    for (const part of say("unavailable").split(/\{(\w+)\}/)) {
      if (links.includes(part)) note.append(el("a", { href: new URL(`${part}/`, siteRoot).href, text: say(`${part}_link`) }));
      else if (part) note.append(part);
    }
    root.append(note);
  }

  function searchNow(push) {
    clearTimeout(typingTimer);
    readControls();
    updateHistory(push);
    if (pagefind) run(PAGE_SIZE);
  }

  buildFacets();
  const scopeRow = buildScope();
  $("search-ui").hidden = false;
  if (matchMedia("(min-width: 52rem)").matches) $("search-filters").open = true;
  state = stateFromURL();
  current = { state, results: null, shown: 0 };
  writeControls();
  setStatus(say("loading_search"), null);

  input.addEventListener("focus", () => pagefind?.init?.()); // fetch Pagefind's metadata while the reader types
  input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => searchNow(false), DEBOUNCE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    searchNow(true);
  });
  sortSelect.addEventListener("change", () => {
    state.sort = sortSelect.value;
    updateHistory(true);
    if (pagefind) run(PAGE_SIZE);
  });
  moreButton.addEventListener("click", async () => {
    const view = current;
    if (!view.results) return;
    await showMore(view, PAGE_SIZE, true);
    if (view === current) history.replaceState({ shown: view.shown }, "", location.href);
  });
  addEventListener("popstate", (event) => {
    state = stateFromURL();
    writeControls();
    if (pagefind) run(event.state?.shown);
  });

  (async () => {
    try {
      pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
      // Keep result URLs as indexed ("/2024/x/"); resultURL() maps them. (Pagefind would otherwise guess a
      // prefix from where pagefind.js was loaded.) Search in this thread: a search over tens of thousands
      // of briefs takes milliseconds, and Pagefind's web worker would be one more script to download.
      await pagefind.options({ baseUrl: "/", noWorker: true });
      // Pagefind starts now under the language asked for (underSearchLang), as every older shard's instance will.
      if (searchLang) await underSearchLang(() => pagefind.init());
    } catch {
      unavailable();
      return;
    }
    for (const f of FACETS) if (groups.get(f.key).details.open && !state[f.key].length) loadFacet(f.key);
    await run(history.state?.shown);
  })();
}

// The search index's shards, newest first (JSON in data-shards: each {path, from, to, briefs, years}); unreadable
// JSON gives none, as does a theme's older search.html.
function readShards(json) {
  try {
    const list = JSON.parse(json || "[]");
    return Array.isArray(list) ? list.filter((shard) => shard && typeof shard.path === "string") : [];
  } catch {
    return [];
  }
}

// The facets: actor, country, topic and year (`base`), each role facet after the facet of its kind
// ("actor_perpetrator" after "actor"). The role facets come from the page (JSON in data-role-facets); unreadable
// JSON gives none.
function withRoleFacets(base, json) {
  let roles = [];
  try {
    roles = JSON.parse(json || "[]").filter((f) => f && typeof f.key === "string" && /^(actor|country)_/.test(f.key));
  } catch {
    roles = [];
  }
  return base.flatMap((facet) => [facet, ...roles.filter((f) => f.key.startsWith(facet.key + "_"))]);
}

// say(key, values): the page's words for `key` (JSON in data-strings), else English's, with each {name} filled
// from `values`. A plural string's form is chosen for values.count by the rules of the page's language.
function wordsOf(json, lang) {
  let given = {};
  try {
    given = JSON.parse(json || "{}") || {};
  } catch {
    given = {};
  }
  let rules;
  try {
    rules = new Intl.PluralRules(lang || "en");
  } catch {
    rules = new Intl.PluralRules("en"); // a tag the browser cannot read
  }
  const form = (message, count) =>
    typeof message === "string" ? message : message?.[rules.select(count)] ?? message?.other;
  return (key, values = {}) => {
    const text = form(given[key], values.count) ?? form(ENGLISH[key], values.count) ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  };
}

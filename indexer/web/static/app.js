// claimwire search page: instant results; and the review forms of fact and claim pages. The page works without this script (the server
// renders every state from the URL); the script only fetches /api/claims as one types and
// redraws the results and facets in place, keeping the URL in step with history.replaceState.
// Value formatting mirrors format.go, so a claim looks the same whichever side drew it.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var form = document.getElementById('search');
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var results = document.getElementById('results');
  var facetsBox = document.getElementById('facets');
  var monthsBox = document.getElementById('months');
  var filters = form.querySelector('details.filters');
  if (filters && window.matchMedia('(max-width: 760px)').matches) filters.removeAttribute('open');

  var PAGE_SIZE = 20;
  var FACETS = [['lang', 'Language'], ['unit', 'Unit'], ['metric', 'Metric'], ['site', 'Site']];
  var LANGS = { en: 'English', fr: 'Français' };
  var QUALIFIERS = {
    approx: 'about', at_least: 'at least', more_than: 'more than',
    up_to: 'up to', at_most: 'at most', range: 'range'
  };
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var STYLES = {
    en: { group: ',', decimal: '.', space: '' },
    fr: { group: '\u202f', decimal: ',', space: '\u00a0' }
  };
  var SYMBOLS = { EUR: '€', USD: '$', GBP: '£', JPY: '¥' };
  var SCALES = {
    en: [[1e12, 'tn'], [1e9, 'bn'], [1e6, 'm']],
    fr: [[1e9, 'Md'], [1e6, 'M']]
  };

  function styleOf(lang) { return STYLES[lang] || STYLES.en; }

  function formatNumber(v, lang) {
    if (!isFinite(v)) return '—';
    var st = styleOf(lang);
    var sign = '';
    if (v < 0) { sign = '−'; v = -v; }
    if (v !== 0 && v < 0.001) {
      return sign + v.toExponential(2).replace(/e([+-])(\d)$/, 'e$10$2').replace('.', st.decimal);
    }
    var r = Math.round(v * 1000) / 1000;
    var s = r >= 1e21 ? BigInt(r).toString() : String(r);
    var parts = s.split('.');
    var ip = parts[0];
    var out = sign;
    for (var i = 0; i < ip.length; i++) {
      if (i > 0 && (ip.length - i) % 3 === 0) out += st.group;
      out += ip[i];
    }
    if (parts.length > 1) out += st.decimal + parts[1];
    return out;
  }

  function scaleFor(v, lang) {
    var scales = SCALES[lang] || SCALES.en;
    for (var i = 0; i < scales.length; i++) {
      if (Math.abs(v) >= scales[i][0]) return { factor: scales[i][0], suffix: scales[i][1] };
    }
    return { factor: 1, suffix: '' };
  }

  function isCurrency(unit) { return /^[A-Z]{3}$/.test(unit); }

  function formatRange(v, vmax, lang) {
    var s = formatNumber(v, lang);
    if (vmax != null) s += '–' + formatNumber(vmax, lang);
    return s;
  }

  function formatMoney(v, vmax, unit, lang) {
    var known = Object.prototype.hasOwnProperty.call(SYMBOLS, unit);
    var sym = known ? SYMBOLS[unit] : unit;
    var sc = scaleFor(v, lang);
    var num = formatNumber(v / sc.factor, lang);
    if (vmax != null) {
      var scMax = scaleFor(vmax, lang);
      if (scMax.factor !== sc.factor) {
        return formatMoney(v, null, unit, lang) + '–' + formatMoney(vmax, null, unit, lang);
      }
      num += '–' + formatNumber(vmax / sc.factor, lang);
    }
    if (lang === 'fr') {
      if (sc.suffix === '') return num + '\u00a0' + sym;
      if (known) return num + '\u00a0' + sc.suffix + sym;
      return num + '\u00a0' + sc.suffix + '\u00a0' + sym;
    }
    if (!known) return sym + '\u00a0' + num + sc.suffix;
    return sym + num + sc.suffix;
  }

  function formatValue(v, vmax, unit, lang) {
    if (isCurrency(unit)) return formatMoney(v, vmax, unit, lang);
    if (unit === 'percent') return formatRange(v, vmax, lang) + styleOf(lang).space + '%';
    return formatRange(v, vmax, lang);
  }

  function formatDate(iso) {
    if (!iso) return { text: 'undated', iso: '' };
    var d = new Date(iso);
    if (isNaN(d.getTime()) || d.getUTCFullYear() <= 1) return { text: 'undated', iso: '' };
    return {
      text: d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear(),
      iso: d.toISOString().slice(0, 10)
    };
  }

  function el(tag, attrs) {
    var e = document.createElement(tag);
    for (var k in attrs) {
      if (attrs[k] != null && attrs[k] !== false) e.setAttribute(k, attrs[k]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var kid = arguments[i];
      if (kid == null) continue;
      e.append(kid);
    }
    return e;
  }

  // safeURL keeps web links only: a crawled page cannot smuggle a javascript: URL in.
  function safeURL(u) { return /^https?:\/\//i.test(u || '') ? u : null; }

  // highlightRanges reads the API's highlight (escaped sentence, matches in <mark>) back into
  // ranges of the sentence, as sentence.go does; only text is ever taken from it.
  function highlightRanges(sentence, hl) {
    if (!hl) return [];
    var body = new DOMParser().parseFromString(hl, 'text/html').body;
    var plain = '';
    var ranges = [];
    for (var n = body.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === Node.TEXT_NODE) {
        plain += n.data;
      } else if (n.nodeName === 'MARK') {
        var start = plain.length;
        plain += n.textContent;
        ranges.push([start, plain.length]);
      } else {
        return [];
      }
    }
    return plain === sentence ? ranges : [];
  }

  function markSentence(target, sentence, hl, surface) {
    var kinds = new Uint8Array(sentence.length);
    highlightRanges(sentence, hl).forEach(function (r) {
      for (var i = r[0]; i < r[1]; i++) kinds[i] |= 1;
    });
    var at = surface ? sentence.indexOf(surface) : -1;
    if (at >= 0) for (var j = at; j < at + surface.length; j++) kinds[j] |= 2;
    for (var s = 0; s < sentence.length;) {
      var e = s + 1;
      while (e < sentence.length && kinds[e] === kinds[s]) e++;
      var text = sentence.slice(s, e);
      var cls = ['', 'hit', 'qty', 'hit qty'][kinds[s]];
      target.append(cls ? el('mark', { class: cls }, text) : text);
      s = e;
    }
  }

  function claimNode(c) {
    var fig = el('p', { class: 'figure' });
    var qual = QUALIFIERS[c.qualifier];
    if (qual) fig.append(el('span', { class: 'qual' }, qual), ' ');
    fig.append(el('span', { class: 'value' }, formatValue(c.value, c.value_max, c.unit, c.lang)), ' ',
      el('span', { class: 'unit' }, c.unit));
    if (c.vague) fig.append(' ', el('span', { class: 'vague' }, 'order of magnitude'));
    var quote = el('blockquote', { class: 'sentence', lang: c.lang });
    markSentence(quote, c.sentence || '', c.highlight || '', c.surface || '');
    var date = formatDate(c.published);
    var meta = el('p', { class: 'meta' },
      el('span', { class: 'source' }, c.site_name || c.site), ' · ',
      el('a', { class: 'title', href: safeURL(c.url), lang: c.lang }, c.title), ' · ',
      el('time', { datetime: date.iso || null }, date.text));
    var actions = el('p', { class: 'actions' },
      el('a', { class: 'open', href: safeURL(c.link) }, 'Open at the sentence',
        el('span', { class: 'visually-hidden' }, ' in ' + c.title)));
    if (c.fact) {
      actions.append(el('a', { class: 'fact', href: '/facts/' + encodeURIComponent(c.fact) }, 'Compare sources'));
    }
    actions.append(el('a', { class: 'permalink', href: '/claims/' + encodeURIComponent(c.id) }, 'Claim page'));
    return el('article', { class: 'claim' }, fig, quote, meta, actions);
  }

  function params() {
    var p = new URLSearchParams();
    new FormData(form).forEach(function (v, k) {
      v = String(v).trim();
      if (v !== '') p.append(k, v);
    });
    return p;
  }

  function totalText(n) {
    return n === 1 ? '1 claim' : formatNumber(n, 'en') + ' claims';
  }

  function renderFacets(facets, p) {
    var focused = document.activeElement;
    var refocus = focused && focused.type === 'checkbox' && facetsBox.contains(focused) ?
      [focused.name, focused.value] : null;
    var groups = FACETS.map(function (f) {
      var field = f[0];
      var selected = p.getAll(field);
      var items = (facets && facets[field]) || [];
      var seen = {};
      var rows = items.map(function (t) { seen[t.term] = true; return [t.term, t.count]; });
      selected.forEach(function (s) { if (!seen[s]) rows.push([s, 0]); });
      var list = el('ul', { class: rows.length > 8 ? 'facet-list long' : 'facet-list' });
      rows.forEach(function (r) {
        var label = field === 'lang' ? (LANGS[r[0]] || r[0]) : r[0];
        list.append(el('li', {}, el('label', {},
          el('input', { type: 'checkbox', name: field, value: r[0], checked: selected.indexOf(r[0]) >= 0 ? '' : null }),
          ' ', el('span', { class: 'term' }, label), ' ', el('span', { class: 'count' }, String(r[1])))));
      });
      if (!rows.length) list.append(el('li', { class: 'none' }, 'none'));
      return el('fieldset', { class: 'facet', 'data-field': field }, el('legend', {}, f[1]), list);
    });
    facetsBox.replaceChildren.apply(facetsBox, groups);
    if (refocus) {
      var boxes = facetsBox.querySelectorAll('input[type=checkbox]');
      for (var i = 0; i < boxes.length; i++) {
        if (boxes[i].name === refocus[0] && boxes[i].value === refocus[1]) { boxes[i].focus(); break; }
      }
    }
  }

  // renderMonths draws the histogram of claims by month; each month's link sets the date range.
  function renderMonths(months, p) {
    months = months || [];
    var peak = months.reduce(function (m, x) { return Math.max(m, x.count); }, 0);
    var list = el('ul', { class: months.length > 8 ? 'months long' : 'months', 'aria-label': 'Claims by month of publication' });
    months.forEach(function (m) {
      var parts = /^(\d{4})-(\d{2})$/.exec(m.term);
      if (!parts) return;
      var year = +parts[1], month = +parts[2];
      var from = m.term + '-01';
      var to = m.term + '-' + String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0');
      var link = new URLSearchParams(p);
      link.set('from', from);
      link.set('to', to);
      var current = p.get('from') === from && p.get('to') === to;
      list.append(el('li', {},
        el('a', { href: '/?' + link, 'data-from': from, 'data-to': to, 'aria-current': current ? 'true' : null },
          MONTHS[month - 1] + ' ' + year), ' ',
        el('meter', { min: '0', max: String(peak), value: String(m.count), 'aria-hidden': 'true' }), ' ',
        el('span', { class: 'count' }, String(m.count))));
    });
    if (months.length) monthsBox.replaceChildren(list);
    else monthsBox.replaceChildren();
  }

  function resetResults(summary, p) {
    var head = results.querySelector('.results-head');
    head.querySelector('.summary').textContent = summary;
    var qs = p.toString();
    head.querySelector('#csv').setAttribute('href', '/api/claims.csv' + (qs ? '?' + qs : ''));
    while (head.nextSibling) results.removeChild(head.nextSibling);
  }

  function render(body, p) {
    resetResults(totalText(body.total), p);
    if (body.expansions && body.expansions.length) {
      var ex = el('p', { class: 'expansions' }, 'Also matching: ');
      body.expansions.forEach(function (e, i) {
        if (i) ex.append(', ');
        ex.append(el('span', {}, e));
      });
      results.append(ex);
    }
    var list = el('ol', { class: 'claims' });
    (body.claims || []).forEach(function (c) { list.append(el('li', {}, claimNode(c))); });
    results.append(list);
    var pages = Math.max(1, Math.ceil(Math.min(body.total, 10000) / PAGE_SIZE));
    if (pages > 1) {
      var next = new URLSearchParams(p);
      next.set('page', '2');
      results.append(el('nav', { class: 'pager', 'aria-label': 'Pages' },
        el('span', {}, 'Page 1 of ' + pages), el('a', { href: '/?' + next, rel: 'next' }, 'Next →')));
    }
    renderFacets(body.facets, p);
    renderMonths(body.facets && body.facets.months, p);
  }

  function renderError(msg, p) {
    resetResults('No results', p);
    results.append(el('p', { class: 'error', role: 'alert' }, msg));
  }

  var timer = 0;
  var inflight = null;

  function run() {
    clearTimeout(timer);
    var p = params();
    var qs = p.toString();
    history.replaceState(null, '', qs ? '/?' + qs : '/');
    document.title = (p.get('q') || 'Search') + ' · claimwire';
    var api = new URLSearchParams(p);
    api.set('facets', 'true');
    api.set('size', String(PAGE_SIZE));
    if (inflight) inflight.abort();
    var ctrl = new AbortController();
    inflight = ctrl;
    results.classList.add('loading');
    results.setAttribute('aria-busy', 'true');
    fetch('/api/claims?' + api, { signal: ctrl.signal, headers: { Accept: 'application/json' } })
      .then(function (resp) {
        return resp.json().then(function (body) {
          if (inflight !== ctrl) return;
          if (resp.ok) render(body, p);
          else renderError(body.error || resp.statusText, p);
        });
      })
      .catch(function (err) {
        if (err.name !== 'AbortError' && inflight === ctrl) {
          renderError('The search service did not answer; press Search to try again.', p);
        }
      })
      .finally(function () {
        if (inflight === ctrl) {
          inflight = null;
          results.classList.remove('loading');
          results.removeAttribute('aria-busy');
        }
      });
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  }

  form.addEventListener('input', function (e) {
    var t = e.target;
    if (t.type === 'checkbox' || t.tagName === 'SELECT') return;
    schedule(t.name === 'q' ? 250 : 500);
  });
  form.addEventListener('change', function (e) {
    var t = e.target;
    if (t.type === 'checkbox' || t.tagName === 'SELECT') run();
  });
  // A month of the histogram fills the date range in place of a page load.
  monthsBox.addEventListener('click', function (e) {
    var a = e.target.closest('a[data-from]');
    if (!a) return;
    e.preventDefault();
    form.elements.from.value = a.getAttribute('data-from');
    form.elements.to.value = a.getAttribute('data-to');
    run();
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    run();
  });
})();

// Review forms on fact and claim pages: each posts one review event to the bearer-token API
// (POST /api/admin/reviews) with the reviewer's name and the token typed in the page, kept for
// the browser session only, then reloads the page to show the decision. Forms cannot send an
// Authorization header, so the desk stays hidden without this script.
(function () {
  'use strict';
  var desk = document.querySelector('.review-desk');
  if (!desk || !window.fetch || !window.sessionStorage) return;
  desk.hidden = false;
  var name = desk.querySelector('.review-name');
  var token = desk.querySelector('.review-token');
  name.value = sessionStorage.getItem('claimwire.reviewer') || '';
  token.value = sessionStorage.getItem('claimwire.token') || '';
  desk.querySelectorAll('form.review-form').forEach(function (f) {
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      var out = f.querySelector('.review-result');
      var body = { kind: f.getAttribute('data-kind'), reviewer: name.value.trim() };
      if (f.hasAttribute('data-fact')) body.fact = f.getAttribute('data-fact');
      if (f.hasAttribute('data-claim')) body.claim = f.getAttribute('data-claim');
      new FormData(f).forEach(function (v, k) { if (v !== '') body[k] = v; });
      if (!body.reviewer || !token.value) {
        out.textContent = 'Give your name and the API token first.';
        return;
      }
      sessionStorage.setItem('claimwire.reviewer', body.reviewer);
      sessionStorage.setItem('claimwire.token', token.value);
      out.textContent = 'Saving…';
      fetch('/api/admin/reviews', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token.value },
        body: JSON.stringify(body)
      }).then(function (res) {
        return res.json().then(function (j) {
          if (!res.ok) throw new Error(j.error || res.statusText);
          out.textContent = 'Saved.';
          location.reload();
        });
      }).catch(function (err) { out.textContent = 'Not saved: ' + err.message; });
    });
  });
})();

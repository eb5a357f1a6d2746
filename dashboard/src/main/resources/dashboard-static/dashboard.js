/*
 * The dashboard's behaviour: polls api/dashboard and draws the snapshot. Every value from the
 * snapshot - user names above all - reaches the page through textContent, DOM properties or
 * Chart.js's canvas, never as HTML.
 */
(function () {
  'use strict';

  const SOURCES = ['elasticsearch', 'kafka', 'hdfs'];
  const FIRST_INTERVAL_MS = 2000;
  const RETRY_INTERVAL_MS = 5000;

  /** The page's palette as CSS colors; names outside it are drawn grey. */
  const CSS_COLORS = {
    red: '#d62828',
    yellow: '#f7d516',
    green: '#2a9d4b',
    blue: '#2463eb',
    orange: '#f28c18',
    purple: '#7b3fbf',
    pink: '#ef7ab5',
    black: '#111111',
    white: '#ffffff'
  };
  const UNKNOWN_COLOR = '#9aa0a6';
  /** White bars on a white page need an edge to be seen. */
  const WHITE_BORDER = '#6b7280';

  const numbers = new Intl.NumberFormat();
  const times = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const minutes = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

  const status = document.getElementById('refresh-status');
  let colorsChart = null;
  let minutesChart = null;
  let refreshes = 0;

  function cssColor(name) {
    return Object.prototype.hasOwnProperty.call(CSS_COLORS, name) ? CSS_COLORS[name] : UNKNOWN_COLOR;
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function swatch(colorName) {
    const chip = element('span', null, 'swatch');
    chip.dataset.color = colorName;
    chip.setAttribute('aria-hidden', 'true');
    return chip;
  }

  function setFigure(id, value, format) {
    const node = document.getElementById(id);
    if (value === null || value === undefined) {
      node.textContent = '–';
      delete node.dataset.value;
    } else {
      node.textContent = format(value);
      node.dataset.value = String(value);
    }
  }

  function count(value) {
    return numbers.format(value);
  }

  function milliseconds(value) {
    return numbers.format(value) + ' ms';
  }

  function bytes(value) {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let scaled = value;
    let unit = 0;
    while (scaled >= 1024 && unit < units.length - 1) {
      scaled /= 1024;
      unit++;
    }
    return (unit === 0 ? numbers.format(scaled) : scaled.toFixed(1)) + ' ' + units[unit];
  }

  function time(iso, format) {
    const parsed = Date.parse(iso);
    return Number.isNaN(parsed) ? (iso || '') : format.format(new Date(parsed));
  }

  /** Marks every part fed by the source, and shows or hides the reason it is unavailable. */
  function showAvailability(source, section) {
    const available = Boolean(section && section.available);
    document.querySelectorAll('[data-source="' + source + '"]').forEach((node) => {
      node.dataset.available = String(available);
    });
    document.querySelectorAll('[data-reason-for="' + source + '"]').forEach((node) => {
      node.textContent = available ? '' : (section && section.reason) || 'No answer.';
      node.hidden = available;
    });
    return available;
  }

  function replaceRows(container, rows) {
    container.replaceChildren(...rows);
  }

  function renderColors(colors) {
    const rows = colors.map((entry) => {
      const row = element('tr');
      const name = element('td');
      name.append(swatch(entry.color), document.createTextNode(entry.color));
      const selections = element('td', count(entry.count), 'number count');
      selections.dataset.color = entry.color;
      selections.dataset.value = String(entry.count);
      row.append(name, selections);
      return row;
    });
    replaceRows(document.querySelector('#color-counts tbody'), rows);
    if (colorsChart) {
      const dataset = colorsChart.data.datasets[0];
      colorsChart.data.labels = colors.map((entry) => entry.color);
      dataset.data = colors.map((entry) => entry.count);
      dataset.backgroundColor = colors.map((entry) => cssColor(entry.color));
      dataset.borderColor = colors.map((entry) => (entry.color === 'white' ? WHITE_BORDER : cssColor(entry.color)));
      dataset.borderWidth = colors.map((entry) => (entry.color === 'white' ? 2 : 0));
      colorsChart.update('none');
    }
  }

  function renderMinutes(series) {
    if (minutesChart) {
      minutesChart.data.labels = series.map((entry) => time(entry.minute, minutes));
      minutesChart.data.datasets[0].data = series.map((entry) => entry.count);
      minutesChart.update('none');
    }
  }

  function renderTops(id, entries) {
    const list = document.getElementById(id);
    if (entries.length === 0) {
      replaceRows(list, [element('li', 'No events yet.', 'empty')]);
      return;
    }
    const most = Math.max(...entries.map((entry) => entry.count));
    replaceRows(list, entries.map((entry) => {
      const item = element('li');
      item.dataset.name = entry.name;
      const bar = element('meter');
      bar.min = 0;
      bar.max = most;
      bar.value = entry.count;
      item.append(element('span', entry.name, 'name'), element('span', count(entry.count), 'count'), bar);
      return item;
    }));
  }

  function renderLatest(events) {
    const body = document.querySelector('#latest-events tbody');
    if (events.length === 0) {
      const cell = element('td', 'No events yet.', 'empty');
      cell.colSpan = 6;
      const row = element('tr');
      row.append(cell);
      replaceRows(body, [row]);
      return;
    }
    replaceRows(body, events.map((event) => {
      const row = element('tr');
      row.dataset.eventId = event.eventId || '';
      const received = element('td', time(event.receivedAt, times), 'received');
      received.title = event.receivedAt || '';
      const color = element('td', null, 'color');
      color.append(swatch(event.colorName), document.createTextNode(event.colorName || ''));
      const latency = Date.parse(event.indexedAt) - Date.parse(event.receivedAt);
      row.append(received, element('td', event.userName, 'user'), color,
        element('td', event.browser, 'browser'), element('td', event.os, 'os'),
        element('td', Number.isNaN(latency) ? '–' : milliseconds(latency), 'number latency'));
      return row;
    }));
  }

  function renderElasticsearch(section) {
    if (!showAvailability('elasticsearch', section)) {
      return;
    }
    renderColors(section.colors);
    renderMinutes(section.eventsPerMinute);
    renderTops('top-browsers', section.topBrowsers);
    renderTops('top-operating-systems', section.topOperatingSystems);
    renderLatest(section.latestEvents);
    const latency = section.latency;
    setFigure('status-doc-count', section.totalDocuments, count);
    setFigure('status-latency-p50', latency.p50Ms, milliseconds);
    setFigure('status-latency-p99', latency.p99Ms, milliseconds);
    setFigure('status-latency-max', latency.maxMs, milliseconds);
    document.getElementById('status-latency-basis').textContent = latency.sampled === 0
      ? 'No event indexed in the last ' + latency.windowSeconds / 60 + ' minutes.'
      : 'Collector to Elasticsearch, latest ' + count(latency.sampled) + ' of '
        + count(latency.eventsInWindow) + ' events of the last ' + latency.windowSeconds / 60 + ' minutes.';
  }

  function renderKafka(section) {
    if (!showAvailability('kafka', section)) {
      return;
    }
    const list = document.getElementById('status-lags');
    if (section.groups.length === 0) {
      replaceRows(list, [element('li', 'No consumer groups configured.', 'empty')]);
      return;
    }
    replaceRows(list, section.groups.map((group) => {
      const item = element('li');
      item.dataset.group = group.id;
      item.dataset.available = String(group.available);
      const lag = element('span', group.available ? count(group.lag) : 'unavailable', 'lag');
      if (group.available) {
        lag.dataset.value = String(group.lag);
      }
      item.append(element('span', group.name, 'name'), lag);
      const note = group.available ? group.note : group.reason;
      if (note) {
        item.append(element('span', note, 'note'));
      }
      return item;
    }));
  }

  function renderHdfs(section) {
    if (!showAvailability('hdfs', section)) {
      return;
    }
    setFigure('status-hdfs-files', section.files, count);
    setFigure('status-hdfs-bytes', section.bytes, bytes);
  }

  function render(snapshot) {
    renderElasticsearch(snapshot.elasticsearch);
    renderKafka(snapshot.kafka);
    renderHdfs(snapshot.hdfs);
    refreshes++;
    status.dataset.state = 'ok';
    status.dataset.refreshes = String(refreshes);
    status.dataset.generatedAt = snapshot.generatedAt;
    status.textContent = 'Updated ' + time(snapshot.generatedAt, times);
  }

  function createCharts() {
    if (typeof window.Chart !== 'function') {
      // The tables and figures carry the same data; only the pictures are missing.
      status.textContent = 'Charts could not be loaded.';
      return;
    }
    const Chart = window.Chart;
    colorsChart = new Chart(document.getElementById('colors-chart'), {
      type: 'bar',
      data: { labels: [], datasets: [{ label: 'Selections', data: [] }] },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
    minutesChart = new Chart(document.getElementById('minutes-chart'), {
      type: 'bar',
      data: { labels: [], datasets: [{ label: 'Events', data: [], backgroundColor: '#5b8def' }] },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  /** Asks again after each answer, never while one is pending, at the interval the server names. */
  async function poll() {
    let delay = RETRY_INTERVAL_MS;
    try {
      const response = await fetch('api/dashboard', { cache: 'no-store', headers: { Accept: 'application/json' } });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      const snapshot = await response.json();
      render(snapshot);
      delay = snapshot.refreshIntervalMs || FIRST_INTERVAL_MS;
    } catch (error) {
      status.dataset.state = 'error';
      status.textContent = 'The dashboard server did not answer (' + error.message + '); trying again.';
    } finally {
      window.setTimeout(poll, delay);
    }
  }

  createCharts();
  poll();
}());

/*
 * window.selectColorTracker: keeps select-color events in a localStorage queue and delivers them to
 * the collector's POST /api/events, at least once.
 *
 * An event leaves the queue only when the collector answered 202 listing its eventId, or refused it
 * with a 4xx other than 429 (sending it again could never succeed). Network errors, 429 and 5xx are
 * retried with exponential back-off and full jitter, never sooner than the server's Retry-After.
 * So an event may reach the collector more than once (a lost 202, the flush at page hide, two tabs
 * sharing one queue); its eventId is what lets the pipeline drop the copies.
 *
 * Events: "accepted" {events}, "refused" {event, status, problem}, "retry" {status, delayMs,
 * failures}, "dropped" {events} when the queue overflows.
 */
(function (global) {
  'use strict';

  const ENDPOINT = '/api/events';
  const STORAGE_KEY = 'selectColor.queue.v1';
  // Bounded so that a long outage cannot fill the origin's storage. When full the oldest events are
  // dropped, with a warning: the choice the user just made matters more than a stale one.
  const MAX_QUEUE = 500;
  const MAX_BATCH = 50;
  // Keepalive requests of a page share 64 KiB in flight; a larger body makes fetch reject.
  const MAX_KEEPALIVE_BYTES = 60 * 1024;
  const BASE_DELAY_MS = 500;
  const MAX_DELAY_MS = 30000;
  const MAX_RETRY_AFTER_MS = 5 * 60 * 1000;
  // The collector answers within its acknowledgement bound; a silent connection must not stall the queue.
  const REQUEST_TIMEOUT_MS = 30000;

  const listeners = new EventTarget();
  const encoder = new TextEncoder();
  const stats = { attempts: 0, failedAttempts: 0, accepted: 0, refused: 0, dropped: 0,
    lastStatus: null, nextAttemptAt: null };
  let memoryQueue = [];
  let storageUsable = probeStorage();
  let state = 'idle';
  let timer = null;
  let failures = 0;
  let hideFlush = null;

  function emit(type, detail) {
    listeners.dispatchEvent(new CustomEvent(type, { detail }));
  }

  function probeStorage() {
    try {
      global.localStorage.setItem(STORAGE_KEY + '.probe', '1');
      global.localStorage.removeItem(STORAGE_KEY + '.probe');
      return true;
    } catch (unavailable) {
      return false;
    }
  }

  function isQueuedEvent(e) {
    return e !== null && typeof e === 'object' && typeof e.eventId === 'string'
      && typeof e.timestamp === 'string' && typeof e.userName === 'string'
      && typeof e.colorName === 'string';
  }

  // Read on every use rather than cached, so that other tabs' changes are not overwritten.
  function load() {
    if (!storageUsable) {
      return memoryQueue.slice();
    }
    const stored = global.localStorage.getItem(STORAGE_KEY);
    let parsed = [];
    try {
      parsed = JSON.parse(stored || '[]');
    } catch (corrupt) {
      console.warn('selectColorTracker: dropped an unreadable event queue.', corrupt);
    }
    return Array.isArray(parsed) ? parsed.filter(isQueuedEvent) : [];
  }

  function save(queue) {
    if (storageUsable) {
      try {
        global.localStorage.setItem(STORAGE_KEY, JSON.stringify(queue));
        return;
      } catch (quotaExceeded) {
        // Keeping the events in this page beats losing them; they will not survive a reload.
        storageUsable = false;
      }
    }
    memoryQueue = queue.slice();
  }

  function enqueue(event) {
    const queue = load();
    queue.push(event);
    const overflow = queue.splice(0, Math.max(0, queue.length - MAX_QUEUE));
    save(queue);
    if (overflow.length > 0) {
      stats.dropped += overflow.length;
      console.warn('selectColorTracker: the queue is full; dropped the oldest events.', overflow);
      emit('dropped', { events: overflow });
    }
  }

  function remove(events) {
    const gone = new Set(events.map((e) => e.eventId));
    save(load().filter((e) => !gone.has(e.eventId)));
  }

  function pad(number, width) {
    return String(number).padStart(width || 2, '0');
  }

  // ISO-8601 with the user's own offset, which toISOString (always Z) would lose.
  function localIsoString(date) {
    const offset = -date.getTimezoneOffset();
    const sign = offset >= 0 ? '+' : '-';
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate())
      + 'T' + pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds())
      + '.' + pad(date.getMilliseconds(), 3)
      + sign + pad(Math.floor(Math.abs(offset) / 60)) + ':' + pad(Math.abs(offset) % 60);
  }

  // randomUUID exists only in secure contexts (https, localhost); a page on plain http lacks it.
  function newEventId() {
    const crypto = global.crypto;
    if (crypto && typeof crypto.randomUUID === 'function') {
      return crypto.randomUUID();
    }
    const bytes = new Uint8Array(16);
    if (crypto && typeof crypto.getRandomValues === 'function') {
      crypto.getRandomValues(bytes);
    } else {
      for (let i = 0; i < bytes.length; i++) {
        bytes[i] = Math.floor(Math.random() * 256);
      }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => pad(b.toString(16), 2)).join('');
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20),
      hex.slice(20)].join('-');
  }

  function retryAfterMs(header) {
    if (header === null) {
      return null;
    }
    const ms = /^\s*\d+\s*$/.test(header) ? Number(header) * 1000 : Date.parse(header) - Date.now();
    return Number.isNaN(ms) ? null : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch (notJson) {
      return null;
    }
  }

  // One request; resolves to what the answer means for the queue, never rejects.
  async function post(batch, keepalive) {
    const sentAt = localIsoString(new Date());
    const body = JSON.stringify(batch.map((e) => Object.assign({}, e, { sentAt })));
    const abort = new AbortController();
    const deadline = keepalive ? null : setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    stats.attempts++;
    try {
      return await answerOf(batch, await fetch(ENDPOINT, { method: 'POST', body, keepalive,
        cache: 'no-store', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' }, signal: abort.signal }));
    } catch (networkError) {
      stats.lastStatus = 0;
      return { kind: 'retry', status: 0, retryAfterMs: null };
    } finally {
      clearTimeout(deadline);
    }
  }

  async function answerOf(batch, response) {
    const status = response.status;
    stats.lastStatus = status;
    if (status === 202) {
      const answer = await readJson(response);
      const ids = answer && Array.isArray(answer.accepted) ? answer.accepted : [];
      const accepted = new Set(ids.map((id) => String(id).toLowerCase()));
      return { kind: 'accepted', events: batch.filter((e) => accepted.has(e.eventId.toLowerCase())) };
    }
    if (status >= 400 && status < 500 && status !== 429) {
      const problem = (await readJson(response)) || { status, detail: response.statusText };
      return { kind: 'refused', status, problem };
    }
    return { kind: 'retry', status, retryAfterMs: retryAfterMs(response.headers.get('Retry-After')) };
  }

  // The flush at page hide may race the regular send; each event is reported once, by whichever
  // answer removes it.
  function acknowledge(events) {
    const queued = new Set(load().map((e) => e.eventId));
    const fresh = events.filter((e) => queued.has(e.eventId));
    remove(events);
    if (fresh.length > 0) {
      stats.accepted += fresh.length;
      emit('accepted', { events: fresh });
    }
  }

  function refuse(event, outcome) {
    remove([event]);
    stats.refused++;
    console.warn('selectColorTracker: the collector refused an event; dropped it.', event,
      outcome.problem);
    emit('refused', { event, status: outcome.status, problem: outcome.problem });
  }

  function backOff(outcome) {
    failures++;
    stats.failedAttempts++;
    const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * Math.pow(2, Math.min(failures - 1, 16)));
    const jittered = Math.random() * ceiling;
    const delayMs = outcome.retryAfterMs === null ? jittered : Math.max(outcome.retryAfterMs, jittered);
    emit('retry', { status: outcome.status, delayMs, failures });
    return delayMs;
  }

  // Delivers a batch; returns the delay before the next attempt when the collector should be left alone.
  async function deliver(batch) {
    const outcome = await post(batch, false);
    if (outcome.kind === 'accepted' && outcome.events.length > 0) {
      failures = 0;
      acknowledge(outcome.events);
      return null;
    }
    if (outcome.kind === 'refused' && batch.length === 1) {
      refuse(batch[0], outcome);
      return null;
    }
    if (outcome.kind === 'refused') {
      // The collector refuses a batch as a whole; one by one, only the bad events are dropped.
      for (const event of batch) {
        const delayMs = await deliver([event]);
        if (delayMs !== null) {
          return delayMs;
        }
      }
      return null;
    }
    // A 202 that names none of the events would otherwise resend them in a tight loop.
    return backOff(outcome.kind === 'accepted' ? { status: 202, retryAfterMs: null } : outcome);
  }

  function schedule(delayMs) {
    clearTimeout(timer);
    state = 'waiting';
    stats.nextAttemptAt = Date.now() + delayMs;
    timer = setTimeout(pump, delayMs);
  }

  async function pump() {
    if (state === 'sending') {
      return;
    }
    clearTimeout(timer);
    state = 'sending';
    stats.nextAttemptAt = null;
    let delayMs = null;
    try {
      for (let batch = load().slice(0, MAX_BATCH); batch.length > 0 && delayMs === null;
        batch = load().slice(0, MAX_BATCH)) {
        delayMs = await deliver(batch);
      }
    } finally {
      state = 'idle';
      if (delayMs !== null) {
        schedule(delayMs);
      }
    }
  }

  function kick() {
    if (state === 'idle') {
      // Deferred so that events tracked in the same task travel in one request.
      schedule(0);
    }
  }

  function track(input) {
    if (!input || typeof input.userName !== 'string' || typeof input.colorName !== 'string') {
      throw new TypeError('track() needs {userName, colorName} as strings.');
    }
    const event = { eventId: newEventId(), timestamp: localIsoString(new Date()),
      userName: input.userName, colorName: input.colorName };
    enqueue(event);
    kick();
    return Object.assign({}, event);
  }

  // Sends what fits in one keepalive request, so that it outlives the page. The events stay queued:
  // if the page dies before the answer, the next visit sends them again.
  function flushOnHide() {
    if (hideFlush !== null) {
      return;
    }
    const batch = [];
    let bytes = 2;
    for (const event of load()) {
      bytes += encoder.encode(JSON.stringify(event)).length + 64;
      if (batch.length === MAX_BATCH || bytes > MAX_KEEPALIVE_BYTES) {
        break;
      }
      batch.push(event);
    }
    if (batch.length === 0) {
      return;
    }
    hideFlush = post(batch, true).then((outcome) => {
      hideFlush = null;
      if (outcome.kind === 'accepted' && outcome.events.length > 0) {
        acknowledge(outcome.events);
      }
    });
  }

  global.addEventListener('pagehide', flushOnHide);
  global.document.addEventListener('visibilitychange', () => {
    if (global.document.visibilityState === 'hidden') {
      flushOnHide();
    }
  });
  global.addEventListener('online', () => {
    if (state === 'waiting') {
      failures = 0;
      pump();
    }
  });
  global.addEventListener('pageshow', kick);

  global.selectColorTracker = Object.freeze({
    track,
    /** Sends now, skipping a back-off wait; resolves when the queue is empty or a send failed. */
    flush: () => pump(),
    queueLength: () => load().length,
    pending: () => load(),
    stats: () => Object.assign({ state, queueLength: load().length }, stats),
    addEventListener: listeners.addEventListener.bind(listeners),
    removeEventListener: listeners.removeEventListener.bind(listeners),
  });
})(window);

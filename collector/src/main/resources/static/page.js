/*
 * The page's behaviour: validates the name, hands each choice to window.selectColorTracker and
 * reports what became of it. User values only ever reach the page through textContent.
 */
(function () {
  'use strict';

  const tracker = window.selectColorTracker;
  const form = document.getElementById('choice-form');
  const nameInput = document.getElementById('user-name');
  const status = document.getElementById('status');
  const error = document.getElementById('error');

  function colorLabel(colorName) {
    const button = form.querySelector('button[data-color="' + CSS.escape(colorName) + '"]');
    return button ? button.textContent.trim() : colorName;
  }

  function show(element, state, text, eventId) {
    element.textContent = text;
    element.dataset.state = state;
    if (eventId) {
      element.dataset.eventId = eventId;
    } else {
      delete element.dataset.eventId;
    }
  }

  function clearError() {
    show(error, 'none', '');
    nameInput.removeAttribute('aria-invalid');
  }

  function choose(colorName) {
    const userName = nameInput.value.trim();
    if (userName === '') {
      nameInput.setAttribute('aria-invalid', 'true');
      show(error, 'invalid-name', 'Please type your name first.');
      nameInput.focus();
      return;
    }
    clearError();
    const event = tracker.track({ userName, colorName });
    show(status, 'sending', 'Sending ' + colorLabel(colorName) + ' for ' + userName + '…',
      event.eventId);
  }

  // Enter in the name field must not pick a color by itself.
  form.addEventListener('submit', (e) => e.preventDefault());

  form.querySelector('.swatches').addEventListener('click', (e) => {
    const button = e.target.closest('button[data-color]');
    if (button) {
      choose(button.dataset.color);
    }
  });

  nameInput.addEventListener('input', () => {
    if (nameInput.hasAttribute('aria-invalid') && nameInput.value.trim() !== '') {
      clearError();
    }
  });

  tracker.addEventListener('accepted', (e) => {
    const last = e.detail.events[e.detail.events.length - 1];
    show(status, 'accepted', 'Thank you, ' + last.userName + ': ' + colorLabel(last.colorName)
      + ' is recorded.', last.eventId);
  });

  tracker.addEventListener('retry', (e) => {
    const seconds = Math.max(1, Math.round(e.detail.delayMs / 1000));
    const cause = e.detail.status === 0 ? 'The collector cannot be reached'
      : 'The collector is busy (HTTP ' + e.detail.status + ')';
    show(status, 'retrying', cause + '. Your choice is kept on this device and sent again in about '
      + seconds + (seconds === 1 ? ' second.' : ' seconds.'));
  });

  tracker.addEventListener('refused', (e) => {
    const problem = e.detail.problem || {};
    const reason = typeof problem.detail === 'string' ? ' ' + problem.detail : '';
    show(error, 'refused', 'Your choice of ' + colorLabel(e.detail.event.colorName)
      + ' could not be recorded (HTTP ' + e.detail.status + ').' + reason, e.detail.event.eventId);
    if (status.dataset.eventId === e.detail.event.eventId) {
      show(status, 'none', '');
    }
  });

  tracker.addEventListener('dropped', (e) => {
    show(error, 'dropped', e.detail.events.length + ' older choices were dropped: too many were '
      + 'waiting to be sent.');
  });
})();

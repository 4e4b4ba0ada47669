// The web chat of `lwqueue serve`. Every text that came from somebody else is put into the page
// with textContent, never as HTML, so a message such as <img src=x onerror=...> shows as text.
(function () {
  'use strict';

  // A token given as ?access_token=... or #access_token=... goes with every request.
  var params = new URLSearchParams(location.search || location.hash.replace(/^#/, '?'));
  var token = params.get('access_token');
  var list = document.getElementById('messages');
  var status = document.getElementById('status');
  var errorLine = document.getElementById('error');
  var form = document.getElementById('send');
  var username = document.getElementById('username');
  var message = document.getElementById('message');

  username.value = localStorage.getItem('lwqueue-username') || '';

  function text(tag, className, value) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = value;
    return element;
  }

  function show(event) {
    var item = document.createElement('li');
    var at = event.sent_at || event.received_at || '';
    item.appendChild(text('span', 'time', at ? new Date(at).toLocaleTimeString() : ''));
    if (typeof event.username === 'string') {
      item.appendChild(text('span', 'user', event.username + ':'));
      item.appendChild(text('span', 'text', event.message));
    } else {
      item.appendChild(text('span', 'problem', '(not a chat message: ' + event.problem + ') '));
      item.appendChild(text('span', 'text', event.body === null ? '(binary)' : event.body));
    }
    var atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    list.appendChild(item);
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  var url = 'messages/stream' + (token ? '?access_token=' + encodeURIComponent(token) : '');
  var source = new EventSource(url);
  source.onopen = function () { status.textContent = 'connected'; };
  source.onerror = function () { status.textContent = 'reconnecting…'; };
  source.onmessage = function (e) {
    try { show(JSON.parse(e.data)); } catch (err) { errorLine.textContent = 'unreadable event: ' + err; }
  };

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    errorLine.textContent = '';
    localStorage.setItem('lwqueue-username', username.value);
    var headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    fetch('messages', {
      method: 'POST',
      headers: headers,
      body: JSON.stringify({ username: username.value, message: message.value })
    }).then(function (response) {
      if (response.status === 201) {
        message.value = '';
        message.focus();
        return;
      }
      return response.json().then(function (body) {
        errorLine.textContent = 'not sent (' + response.status + '): ' + body.error;
      });
    }).catch(function (err) {
      errorLine.textContent = 'not sent: ' + err;
    });
  });
}());

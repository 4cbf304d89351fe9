// clickup-sync console: plain JavaScript over the admin API (/admin/*) and the read API (/api/v2/*).
//
// Rules this file keeps (docs/admin.md#console):
// - The two tokens live in memory only (never localStorage, cookies or the URL); the admin token is
//   sent only to /admin/*, the read token only to the read API's prefix. A request to any other path
//   is refused here before it leaves.
// - Everything the APIs answer is written with textContent, never as HTML, so a task name cannot
//   become markup or script.
// - One status request every REFRESH_MS while the page is visible and connected; none in a hidden tab.
'use strict';

(function () {
  const REFRESH_MS = 5000;
  const tokens = { admin: null, read: null, prefix: '/api/v2' };
  let statusTimer = null;
  let lastStatus = null;
  let view = 'status';

  const $ = (id) => document.getElementById(id);

  // ---- HTTP -------------------------------------------------------------------------------------

  async function call(method, path, token, scheme) {
    const headers = { Accept: 'application/json' };
    if (token) {
      headers.Authorization = scheme ? scheme + ' ' + token : token;
    }
    const response = await fetch(path, { method, headers, cache: 'no-store', credentials: 'omit' });
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const detail = body && (body.detail || body.title || body.err) ? (body.detail || body.title || body.err) : '';
      const error = new Error(response.status + (detail ? ': ' + detail : ''));
      error.status = response.status;
      throw error;
    }
    return body;
  }

  // The path as the browser will send it (dot segments resolved), checked against where its token may go.
  function within(path, root) {
    const resolved = new URL(path, location.origin);
    return resolved.origin === location.origin && resolved.pathname.startsWith(root + '/');
  }

  function admin(method, path) {
    if (!within(path, '/admin')) {
      return Promise.reject(new Error('refused: the admin token goes only to /admin/*'));
    }
    return call(method, path, tokens.admin, 'Bearer');
  }

  function read(path) {
    const target = tokens.prefix + path;
    if (!within(target, tokens.prefix) || within(target, '/admin')) {
      return Promise.reject(new Error('refused: the read token goes only to the read API, never to /admin'));
    }
    // ClickUp's clients send their token with no scheme; the read API accepts that as ClickUp does.
    return call('GET', target, tokens.read, null);
  }

  const ID = /^[A-Za-z0-9_-]{1,64}$/;

  // ---- small DOM helpers -----------------------------------------------------------------------

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (attrs) {
      Object.keys(attrs).forEach((k) => node.setAttribute(k, attrs[k]));
    }
    return node;
  }

  /** A queue's oldest message age: seconds, or n/a with the reason; - when the document has neither. */
  function oldestAge(q) {
    if (q.oldest_age_seconds !== null && q.oldest_age_seconds !== undefined) {
      return q.oldest_age_seconds + ' s';
    }
    return q.oldest_age_reason ? 'n/a (' + q.oldest_age_reason + ')' : '-';
  }

  function show(value) {
    return value === null || value === undefined || value === '' ? '-' : String(value);
  }

  function row(tbody, cells) {
    const tr = document.createElement('tr');
    cells.forEach((cell, i) => {
      let td;
      if (cell instanceof Node) {
        td = el(i === 0 ? 'th' : 'td');
        td.appendChild(cell);
      } else {
        td = el(i === 0 ? 'th' : 'td', show(cell));
      }
      if (i === 0) {
        td.setAttribute('scope', 'row');
      }
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
    return tr;
  }

  // A table with nothing to show says so in a row of its own (screen readers announce an empty table poorly).
  function noneRow(tbody, text) {
    if (tbody.children.length === 0) {
      const td = el('td', text, { colspan: String(tbody.closest('table').querySelectorAll('thead th').length) });
      td.className = 'meta';
      const tr = el('tr', null, { class: 'none' });
      tr.appendChild(td);
      tbody.appendChild(tr);
    }
  }

  function body(tableId) {
    const tbody = $(tableId).querySelector('tbody');
    tbody.replaceChildren();
    return tbody;
  }

  function when(value) {
    if (value === null || value === undefined || value === '') {
      return '-';
    }
    const millis = /^\d+$/.test(String(value)) ? Number(value) : Date.parse(value);
    return Number.isNaN(millis) ? String(value) : new Date(millis).toISOString().replace('.000Z', 'Z');
  }

  function message(id, text, isError) {
    const node = $(id);
    node.textContent = text;
    node.classList.toggle('error', !!isError);
    node.hidden = !text;
  }

  // ---- status and backfill -------------------------------------------------------------------

  async function refreshStatus() {
    if (!tokens.admin) {
      return;
    }
    try {
      lastStatus = await admin('GET', '/admin/status');
      message('status-error', '');
      renderStatus(lastStatus);
      renderBackfill(lastStatus);
      $('status-updated').textContent = 'Updated ' + when(lastStatus.generated_at) + '.';
    } catch (e) {
      message('status-error', 'Status failed: ' + e.message, true);
    }
  }

  /** Whose figures a section shows: every function's (CloudWatch), or this process's and why. */
  function scopeNote(section) {
    if (section.scope === 'fleet') {
      return 'every function (CloudWatch, last ' + section.window_minutes + ' min)';
    }
    if (section.scope === 'process') {
      return 'this process' + (section.fleet_reason && section.fleet_reason !== 'cloudwatch_off'
        ? ' (fleet figures unavailable: ' + section.fleet_reason + ')' : '');
    }
    return '';
  }

  function sectionError(section) {
    return section && section.error ? 'error: ' + section.error + (section.aws_error ? ' (' + section.aws_error + ')' : '') : null;
  }

  function renderStatus(s) {
    const queues = body('queues-table');
    ['events', 'events_dlq', 'commands', 'commands_dlq'].forEach((key) => {
      const q = s.queues ? s.queues[key] : null;
      const failed = sectionError(q);
      if (failed) {
        row(queues, [key, failed, '-', '-', '-', '-']);
      } else if (!q) {
        row(queues, [key, 'not configured', '-', '-', '-', '-']);
      } else {
        row(queues, [key, q.name, q.visible, q.in_flight, q.delayed, oldestAge(q)]);
      }
    });

    const clickup = s.clickup || {};
    const breaker = clickup.circuit_breaker || {};
    $('breaker-state').textContent = sectionError(clickup) || show(breaker.state);
    $('breaker-since').textContent = [breaker.since ? 'since ' + when(breaker.since) : '', scopeNote(breaker)]
      .filter((t) => t).join(', ');
    const budgets = body('budget-table');
    const budget = clickup.rate_budget || {};
    Object.keys(budget).forEach((name) => {
      const b = budget[name] || {};
      const remaining = b.last_rate_limit_remaining;
      row(budgets, [name, sectionError(b) || b.limit_per_window, show(b.used_last_minute), b.wait_ms, b.reserved_ahead, b.free_now,
        remaining ? remaining.value + ' at ' + when(remaining.at) : '-']);
    });

    const webhooks = body('webhooks-table');
    const hooks = s.webhooks || {};
    if (sectionError(hooks)) {
      row(webhooks, [sectionError(hooks), '-', '-', '-', '-', '-']);
    } else {
      Object.keys(hooks).forEach((team) => {
        const w = hooks[team] || {};
        row(webhooks, [team, w.active, w.failing, w.suspended, w.failing_count, when(w.last_healthy_at)]);
      });
    }
    noneRow(webhooks, 'No webhook recorded (the webhook lifecycle has not run, or is off).');

    const reconcile = body('reconcile-table');
    const scopes = s.reconcile || {};
    if (sectionError(scopes)) {
      row(reconcile, [sectionError(scopes), '-', '-', '-', '-', '-', '-']);
    } else {
      Object.keys(scopes).forEach((team) => {
        (Array.isArray(scopes[team]) ? scopes[team] : []).forEach((r) => {
          row(reconcile, [team, r.scope, when(r.watermark), when(r.cursor), r.in_progress ? 'yes' : 'no',
            when(r.last_run), r.lag_seconds]);
        });
      });
    }
    noneRow(reconcile, 'No reconcile scope recorded yet.');

    const failures = body('failures-table');
    const f = s.failures || {};
    $('failures-since').textContent = f.since ? 'Counted by ' + scopeNote(f) + ' since ' + when(f.since) + '.' : '';
    const counts = f.counts || {};
    Object.keys(counts).forEach((metric) => {
      Object.keys(counts[metric]).forEach((reason) => row(failures, [metric, reason, counts[metric][reason]]));
    });
    noneRow(failures, sectionError(f) || 'No failure counted.');

    const mirror = s.mirror || {};
    $('mirror-items').textContent = sectionError(mirror) || show(mirror.items_approximate);
    $('mirror-table').textContent = mirror.table ? '(' + mirror.table + ', ' + show(mirror.refreshed) + ')' : '';
  }

  function renderBackfill(s) {
    const runs = body('backfill-table');
    const backfill = s.backfill || {};
    const all = Array.isArray(backfill.runs) ? backfill.runs : (backfill.current ? [backfill.current] : []);
    all.forEach((r) => {
      const progress = el('progress', null, { max: '100', value: String(r.window_percent || 0) });
      progress.setAttribute('aria-label', 'Window ' + show(r.window_percent) + ' percent');
      const cell = el('span');
      cell.appendChild(progress);
      cell.appendChild(el('span', ' ' + show(r.window_percent) + ' %'));
      const tr = row(runs, [r.team_id, r.scope, r.state, when(r.from), r.pages, r.tasks_seen, r.tasks_written,
        r.rate_per_minute, cell, r.stop]);
      tr.dataset.state = r.state || '';
    });
    $('backfill-table').hidden = all.length === 0;
    $('backfill-empty').hidden = all.length > 0;
  }

  // ---- dead letters ----------------------------------------------------------------------------

  async function listDeadLetters() {
    const queue = $('dlq-queue').value;
    $('dlq-redrive-all').hidden = queue !== 'events';
    try {
      const listing = await admin('GET', '/admin/dlq/messages?queue=' + encodeURIComponent(queue));
      const rows = body('dlq-table');
      listing.messages.forEach((m) => {
        const what = m.event || m.command_type || '-';
        const entity = m.entity_id ? (m.entity_type ? m.entity_type + ' ' : '') + m.entity_id : (m.command_id || '-');
        let action = '-';
        if (queue === 'events') {
          action = el('button', 'Redrive', { type: 'button', 'aria-label': 'Redrive ' + what + ' of ' + entity });
          action.addEventListener('click', () => redrive({ event: m.event, entity_id: m.entity_id, reason: m.failure_reason }));
        }
        const tr = row(rows, [m.message_id, what, entity, m.failure_reason, m.failure_detail, when(m.sent_at),
          m.receive_count, action]);
        tr.dataset.entityId = m.entity_id || '';
      });
      $('dlq-empty').hidden = listing.messages.length > 0;
      $('dlq-table').hidden = listing.messages.length === 0;
    } catch (e) {
      message('dlq-result', 'Listing failed: ' + e.message, true);
    }
  }

  async function redrive(filter) {
    const params = new URLSearchParams();
    Object.keys(filter).forEach((k) => {
      if (filter[k]) {
        params.set(k, filter[k]);
      }
    });
    try {
      const r = await admin('POST', '/admin/dlq/redrive' + (params.toString() ? '?' + params : ''));
      message('dlq-result', 'Redriven ' + r.redriven + ' of ' + r.scanned + ' examined' + (r.failed ? ', ' + r.failed + ' failed' : '')
        + (r.complete ? '.' : ' (stopped: ' + r.stopped_by + '; redrive again for more).'), r.failed > 0);
    } catch (e) {
      message('dlq-result', 'Redrive failed: ' + e.message, true);
    }
    await listDeadLetters();
  }

  // ---- commands --------------------------------------------------------------------------------

  async function listCommands() {
    try {
      const answer = await admin('GET', '/admin/commands?limit=50');
      const rows = body('commands-table');
      answer.commands.forEach((c) => {
        const tr = row(rows, [c.command_id, c.type, c.state, c.task_id, c.reason, c.detail, c.attempts,
          when(c.submitted_at), when(c.completed_at)]);
        tr.dataset.state = c.state || '';
      });
      $('commands-empty').hidden = answer.commands.length > 0;
      $('commands-updated').textContent = 'Updated ' + new Date().toISOString() + '.';
    } catch (e) {
      $('commands-updated').textContent = 'Listing failed: ' + e.message;
    }
  }

  // ---- mirror browser (read API) ---------------------------------------------------------------

  const crumbs = [];

  function setCrumbs(trail) {
    const list = $('crumbs');
    list.replaceChildren();
    trail.forEach((c, i) => {
      const li = el('li');
      if (i === trail.length - 1) {
        li.appendChild(el('span', c.label, { 'aria-current': 'page' }));
      } else {
        li.appendChild(el('a', c.label, { href: c.hash }));
      }
      list.appendChild(li);
    });
  }

  function crumbTo(level, label, hash) {
    crumbs.length = Math.min(crumbs.length, level);
    crumbs[level] = { label, hash };
    setCrumbs(crumbs.slice(0, level + 1));
  }

  function linkList(title, items, hashOf, labelOf) {
    const section = el('section');
    section.appendChild(el('h3', title));
    if (!items.length) {
      section.appendChild(el('p', 'None mirrored.'));
      return section;
    }
    const ul = el('ul', null, { class: 'links' });
    items.forEach((item) => {
      const li = el('li');
      li.appendChild(el('a', labelOf(item), { href: hashOf(item) }));
      ul.appendChild(li);
    });
    section.appendChild(ul);
    return section;
  }

  function names(map) {
    return (item) => {
      map[item.id] = item.name;
      return item.name + ' (' + item.id + ')';
    };
  }

  const known = {};

  async function mirrorRoute(parts) {
    const content = $('mirror-content');
    message('mirror-error', '');
    if (!tokens.read) {
      content.replaceChildren(el('p', 'Enter a read token above to browse the mirror.'));
      return;
    }
    const [kind, id] = parts;
    if (kind && !ID.test(id || '')) {
      message('mirror-error', 'Not a ClickUp id: ' + show(id), true);
      return;
    }
    try {
      if (!kind) {
        const teams = lastStatus && Array.isArray(lastStatus.workspaces) ? lastStatus.workspaces : [];
        crumbTo(0, 'Workspaces', '#mirror');
        content.replaceChildren(linkList('Workspaces', teams.map((t) => ({ id: t, name: 'Workspace' })),
          (t) => '#mirror/team/' + encodeURIComponent(t.id), (t) => 'Workspace ' + t.id));
      } else if (kind === 'team') {
        const answer = await read('/team/' + encodeURIComponent(id) + '/space');
        crumbTo(1, 'Workspace ' + id, '#mirror/team/' + id);
        content.replaceChildren(linkList('Spaces', answer.spaces || [],
          (s) => '#mirror/space/' + encodeURIComponent(s.id), names(known)));
      } else if (kind === 'space') {
        const [folders, lists] = await Promise.all([read('/space/' + encodeURIComponent(id) + '/folder'),
          read('/space/' + encodeURIComponent(id) + '/list')]);
        crumbTo(2, 'Space ' + (known[id] || id), '#mirror/space/' + id);
        content.replaceChildren(
          linkList('Folders', folders.folders || [], (f) => '#mirror/folder/' + encodeURIComponent(f.id), names(known)),
          linkList('Lists without a folder', lists.lists || [], (l) => '#mirror/list/' + encodeURIComponent(l.id), names(known)));
      } else if (kind === 'folder') {
        const answer = await read('/folder/' + encodeURIComponent(id) + '/list');
        crumbTo(3, 'Folder ' + (known[id] || id), '#mirror/folder/' + id);
        content.replaceChildren(linkList('Lists', answer.lists || [],
          (l) => '#mirror/list/' + encodeURIComponent(l.id), names(known)));
      } else if (kind === 'list') {
        await showList(id, /^\d{1,4}$/.test(parts[2] || '') ? Number(parts[2]) : 0, content);
      } else if (kind === 'task') {
        await showTask(id, content);
      }
    } catch (e) {
      content.replaceChildren();
      message('mirror-error', 'Read API: ' + e.message, true);
    }
  }

  // One page of ClickUp's list query (100 tasks, in ClickUp's default order), with
  // links to the pages around it: the read API answers last_page, never a total.
  async function showList(id, page, content) {
    const answer = await read('/list/' + encodeURIComponent(id) + '/task?include_closed=true&subtasks=true&page=' + page);
    crumbTo(4, 'List ' + (known[id] || id), '#mirror/list/' + id);
    const table = el('table', null, { id: 'tasks-table' });
    table.appendChild(el('caption', 'Tasks, page ' + (page + 1)));
    const head = el('thead');
    const hr = el('tr');
    ['Task', 'Name', 'Status', 'Updated'].forEach((h) => hr.appendChild(el('th', h, { scope: 'col' })));
    head.appendChild(hr);
    table.appendChild(head);
    const tbody = el('tbody');
    (answer.tasks || []).forEach((t) => {
      known[t.id] = t.name;
      row(tbody, [el('a', t.id, { href: '#mirror/task/' + encodeURIComponent(t.id) }), t.name,
        t.status ? t.status.status : '-', when(t.date_updated)]);
    });
    table.appendChild(tbody);
    const pager = el('p', null, { class: 'pager' });
    if (page > 0) {
      pager.appendChild(el('a', 'Previous page', { href: '#mirror/list/' + id + '/' + (page - 1), rel: 'prev' }));
    }
    if (answer.last_page === false) {
      pager.appendChild(el('a', 'Next page', { href: '#mirror/list/' + id + '/' + (page + 1), rel: 'next' }));
    }
    content.replaceChildren(table, pager);
  }

  async function showTask(id, content) {
    const path = '/task/' + encodeURIComponent(id);
    const [task, times, tracked, comments] = await Promise.all([read(path), read(path + '/time_in_status'),
      read(path + '/time'), read(path + '/comment')]);
    crumbTo(5, 'Task ' + task.name, '#mirror/task/' + id);
    const article = el('article', null, { id: 'task-view' });
    article.appendChild(el('h3', task.name, { id: 'task-name' }));
    const facts = el('dl');
    [['Id', task.id], ['Status', task.status ? task.status.status : null],
      ['List', task.list ? task.list.name + ' (' + task.list.id + ')' : null],
      ['Assignees', (task.assignees || []).map((a) => a.username).join(', ')],
      ['Priority', task.priority ? task.priority.priority : null], ['Due', when(task.due_date)],
      ['Created', when(task.date_created)], ['Updated', when(task.date_updated)]].forEach(([k, v]) => {
      facts.appendChild(el('dt', k));
      facts.appendChild(el('dd', show(v), { 'data-field': k.toLowerCase() }));
    });
    article.appendChild(facts);
    if (task.description) {
      article.appendChild(el('h4', 'Description'));
      article.appendChild(el('p', task.description, { class: 'description' }));
    }

    article.appendChild(el('h4', 'Transitions (time in status)'));
    const statusTable = el('table', null, { id: 'transitions-table' });
    statusTable.appendChild(headRow(['Status', 'Since', 'Minutes']));
    const statusBody = el('tbody');
    (times.status_history || []).forEach((h) => row(statusBody, [h.status, when(h.total_time && h.total_time.since),
      h.total_time ? h.total_time.by_minute : '-']));
    statusTable.appendChild(statusBody);
    article.appendChild(statusTable);

    article.appendChild(el('h4', 'Time entries'));
    const timeTable = el('table', null, { id: 'time-table' });
    timeTable.appendChild(headRow(['User', 'Interval', 'Start', 'End', 'Duration (min)']));
    const timeBody = el('tbody');
    (tracked.data || []).forEach((u) => (u.intervals || []).forEach((i) => row(timeBody, [
      u.user ? u.user.username : '-', i.id, when(i.start), when(i.end), Math.round(Number(i.time || 0) / 60000)])));
    timeTable.appendChild(timeBody);
    article.appendChild(timeTable);

    article.appendChild(el('h4', 'Comments'));
    const commentTable = el('table', null, { id: 'comments-table' });
    commentTable.appendChild(headRow(['When', 'Who', 'Comment']));
    const commentBody = el('tbody');
    (comments.comments || []).forEach((c) => row(commentBody, [when(c.date), c.user ? c.user.username : '-',
      c.comment_text]));
    commentTable.appendChild(commentBody);
    article.appendChild(commentTable);
    content.replaceChildren(article);
  }

  function headRow(titles) {
    const head = el('thead');
    const tr = el('tr');
    titles.forEach((t) => tr.appendChild(el('th', t, { scope: 'col' })));
    head.appendChild(tr);
    return head;
  }

  // ---- views and wiring ------------------------------------------------------------------------

  function route() {
    const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || 'status';
    const parts = hash.split('/');
    view = parts[0];
    document.querySelectorAll('main > section').forEach((s) => {
      s.hidden = s.dataset.view !== view;
    });
    document.querySelectorAll('nav a[data-view]').forEach((a) => {
      if (a.dataset.view === view) {
        a.setAttribute('aria-current', 'page');
      } else {
        a.removeAttribute('aria-current');
      }
    });
    if (!tokens.admin) {
      return;
    }
    if (view === 'dlq') {
      listDeadLetters();
    } else if (view === 'commands') {
      listCommands();
    } else if (view === 'mirror') {
      mirrorRoute(parts.slice(1));
    }
  }

  function startRefresh() {
    if (statusTimer) {
      clearInterval(statusTimer);
    }
    statusTimer = setInterval(() => {
      if (!document.hidden) {
        refreshStatus();
      }
    }, REFRESH_MS);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('refresh-seconds').textContent = String(REFRESH_MS / 1000);
    $('connect').addEventListener('submit', async (event) => {
      event.preventDefault();
      tokens.admin = $('admin-token').value.trim() || null;
      tokens.read = $('read-token').value.trim() || null;
      tokens.prefix = ($('read-prefix').value.trim() || '/api/v2').replace(/\/+$/, '');
      if (!/^\/[A-Za-z0-9_\/-]*$/.test(tokens.prefix) || within(tokens.prefix + '/', '/admin')) {
        tokens.prefix = '/api/v2';
        $('read-prefix').value = tokens.prefix;
      }
      // The fields are emptied: the tokens are not left in the form for anyone at the screen.
      $('admin-token').value = '';
      $('read-token').value = '';
      $('connection').textContent = tokens.admin ? 'Connecting…' : 'An admin token is needed.';
      if (!tokens.admin) {
        return;
      }
      await refreshStatus();
      $('connection').textContent = lastStatus ? 'Connected' + (tokens.read ? ' (with a read token).' : ' (no read token: mirror browser off).')
        : 'Not connected: ' + $('status-error').textContent;
      startRefresh();
      route();
    });
    $('dlq-form').addEventListener('submit', (event) => {
      event.preventDefault();
      listDeadLetters();
    });
    $('dlq-redrive-all').addEventListener('click', () => redrive({}));
    $('commands-refresh').addEventListener('click', listCommands);
    $('task-jump').addEventListener('submit', (event) => {
      event.preventDefault();
      const id = $('task-id').value.trim();
      if (id) {
        location.hash = '#mirror/task/' + encodeURIComponent(id);
      }
    });
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && tokens.admin) {
        refreshStatus();
      }
    });
    window.addEventListener('hashchange', route);
    route();
  });
}());

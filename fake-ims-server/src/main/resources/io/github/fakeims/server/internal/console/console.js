// The console's page: talks to the admin API (/fake-ims/...) only, plus the exchange for "Try it".
// Data is put on the page as text (never as HTML). Pure logic lives in console-logic.mjs.
import * as logic from './console-logic.mjs';

const TOKEN_KEY = 'fake-ims-admin-token';
const ENDPOINTS = ['JWT_EXCHANGE', 'TOKEN', 'VALIDATE_TOKEN', 'INVALIDATE_TOKEN', 'REVOKE', 'KEYS', 'OPENID_CONFIGURATION',
  'ORGANIZATIONS', 'PROFILE', 'USERINFO', 'UNKNOWN'];
const baseUrl = window.location.origin;
const $ = (id) => document.getElementById(id);

const state = {
  credentials: [],
  selected: null,
  generated: null, // {clientId, privateKey, certificate} of the key pair made in this page
  journal: [],
  lastSequence: 0,
  polling: null,
  jwt: null,
};

class Locked extends Error {}

// --- DOM helpers

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'onclick') node.addEventListener('click', value);
    else if (name === 'className') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function say(text, isError = false) {
  const message = $('message');
  message.textContent = text;
  message.className = isError ? 'error' : 'ok';
  message.hidden = !text;
}

let busy = 0;

/** Runs a user's action, reporting its failure; while any runs, <body data-busy> says so (tests wait on it). */
async function guarded(action) {
  busy += 1;
  document.body.dataset.busy = 'true';
  try {
    await action();
  } catch (e) {
    if (!(e instanceof Locked)) say(e.message, true);
  } finally {
    busy -= 1;
    if (busy === 0) delete document.body.dataset.busy;
  }
}

/** n random bytes (getRandomValues works outside a secure context too, unlike crypto.subtle). */
function randomBytes(n) {
  return crypto.getRandomValues(new Uint8Array(n));
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function copy(text) {
  await navigator.clipboard.writeText(text);
  say('Copied.');
}

// --- the admin API

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (method !== 'GET') headers['Content-Type'] = 'application/json';
  const response = await fetch(logic.ADMIN + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store',
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    throw new Error(`${method} ${path} answered ${response.status} with something that is not JSON`);
  }
  if (response.status === 401) {
    lock(token ? 'That is not the admin token.' : '');
    throw new Locked();
  }
  if (!response.ok) {
    throw new Error((json && (json.reason || json.error_description)) || `${method} ${path} answered ${response.status}`);
  }
  return json;
}

function credentialPath(clientId) {
  return `/credentials/${encodeURIComponent(clientId)}`;
}

// --- login

function lock(error) {
  sessionStorage.removeItem(TOKEN_KEY);
  stopPolling();
  $('app').hidden = true;
  $('tabs').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = error;
  $('admin-token').focus();
}

async function unlock() {
  $('login').hidden = true;
  $('app').hidden = false;
  $('tabs').hidden = false;
  await Promise.all([loadCredentials(), loadFaults(), loadClock()]);
  await pollJournal();
  startPolling();
}

// --- tabs

function showTab(name) {
  for (const button of document.querySelectorAll('#tabs button')) button.classList.toggle('active', button.dataset.tab === name);
  for (const tab of document.querySelectorAll('.tab')) tab.hidden = tab.id !== `tab-${name}`;
  if (name === 'control') guarded(() => Promise.all([loadFaults(), loadClock()]));
  if (name === 'jwt' && !$('jwt-claims').value) guarded(resetClaims);
}

// --- credentials

async function loadCredentials() {
  state.credentials = await api('GET', '/credentials');
  const list = $('credential-list');
  list.replaceChildren(...state.credentials.map((credential) => el('li', {
    className: credential.clientId === state.selected ? 'selected' : '', 'data-client-id': credential.clientId,
    onclick: () => guarded(() => selectCredential(credential.clientId)),
  }, el('strong', {}, credential.clientId), el('br'), el('span', { className: 'muted' }, logic.credentialKind(credential)))));
  if (state.credentials.length === 0) list.append(el('li', { className: 'muted' }, 'No credential yet: create one.'));
  const select = $('jwt-credential');
  const chosen = select.value;
  select.replaceChildren(...state.credentials.filter(logic.isServiceAccount)
    .map((c) => el('option', { value: c.clientId }, c.clientId)));
  if (chosen && state.credentials.some((c) => c.clientId === chosen)) select.value = chosen;
  if (state.selected && !state.credentials.some((c) => c.clientId === state.selected)) state.selected = null;
  await renderDetail();
}

async function selectCredential(clientId) {
  state.selected = clientId;
  $('create-panel').hidden = true;
  for (const item of $('credential-list').children) item.classList.toggle('selected', item.dataset.clientId === clientId);
  await renderDetail();
}

async function certificateRow(credential, pem) {
  let info;
  try {
    info = logic.certificateInfo(pem, Date.now());
  } catch (e) {
    return el('li', { className: 'error' }, `unreadable certificate: ${e.message}`);
  }
  const fingerprint = logic.fingerprintText(await crypto.subtle.digest('SHA-256', info.der));
  return el('li', { className: 'certificate', 'data-fingerprint': fingerprint },
    el('div', {}, el('strong', {}, info.subject), ' ', el('span', { className: `state ${info.state.replace(/ /g, '-')}` }, info.state)),
    el('div', { className: 'muted' }, `valid ${info.notBefore} → ${info.notAfter} · serial ${info.serial}`),
    el('div', { className: 'mono' }, `SHA-256 ${fingerprint}`),
    el('button', { type: 'button', className: 'remove-certificate', onclick: () => guarded(async () => {
      await api('DELETE', `${credentialPath(credential.clientId)}/certificates/${fingerprint}`);
      say('Certificate removed: JWTs signed with its key are refused from now on.');
      await loadCredentials();
    }) }, 'Remove'));
}

/**
 * One client secret: masked until "Show", "Copy", "Get a token" (the OAuth token request with this secret,
 * to check a rotation) and, when there are two, "Remove". The first keeps the ids detail-secret / show-secret.
 */
function secretRow(credential, clientSecret, index, count) {
  const suffix = index === 0 ? '' : `-${index + 1}`;
  const secret = el('span', { id: `detail-secret${suffix}`, className: 'mono' }, logic.maskSecret(clientSecret));
  let shown = false;
  return el('tr', { className: 'secret', 'data-secret-index': String(index) },
    el('th', {}, index === 0 ? 'Client secret' : `Client secret ${index + 1}`), el('td', {}, secret, ' ',
      el('button', { type: 'button', id: `show-secret${suffix}`, onclick: (event) => {
        shown = !shown;
        secret.textContent = shown ? clientSecret : logic.maskSecret(clientSecret);
        event.target.textContent = shown ? 'Hide' : 'Show';
      } }, 'Show'),
      el('button', { type: 'button', onclick: () => guarded(() => copy(clientSecret)) }, 'Copy'),
      credential.grants.includes('client_credentials') ? el('button', { type: 'button', className: 'try-secret',
        title: 'The OAuth Server-to-Server token request with this secret',
        onclick: () => guarded(() => tryClientSecret(credential, clientSecret)) }, 'Get a token') : '',
      count > 1 ? el('button', { type: 'button', className: 'remove-secret', onclick: () => guarded(async () => {
        await api('DELETE', `${credentialPath(credential.clientId)}/secrets`, { clientSecret });
        say('Client secret removed: requests with it are refused from now on.');
        await loadCredentials();
      }) }, 'Remove') : ''));
}

/** The OAuth Server-to-Server token request with one secret, its outcome in the message line. */
async function tryClientSecret(credential, clientSecret) {
  const response = await fetch('/ims/token/v3', {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: logic.tokenForm(credential, clientSecret), credentials: 'omit', cache: 'no-store',
  });
  const answer = await response.json().catch(() => ({}));
  if (response.ok) say(`${response.status}: the fake issued an access token for this secret (expires_in ${answer.expires_in}).`);
  else say(`${response.status} ${answer.error || ''}: ${response.headers.get('X-Fake-Ims-Reason') || answer.error_description || 'refused'}`, true);
  await pollJournal();
}

async function renderDetail() {
  const detail = $('credential-detail');
  const credential = state.credentials.find((c) => c.clientId === state.selected);
  if (!credential) {
    detail.replaceChildren(el('p', { className: 'muted' }, 'Choose a credential, or create one.'));
    return;
  }
  const secrets = logic.clientSecretsOf(credential);
  const rows = logic.credentialRows(credential).map(([name, value]) => el('tr', {}, el('th', {}, name), el('td', { className: 'mono' }, value)));
  rows.splice(1, 0, ...secrets.map((clientSecret, index) => secretRow(credential, clientSecret, index, secrets.length)));
  const certificates = await Promise.all(credential.certificates.map((pem) => certificateRow(credential, pem)));
  const addText = el('textarea', { id: 'add-certificate', rows: '3', placeholder: '-----BEGIN CERTIFICATE-----' });
  detail.replaceChildren(
    el('h2', {}, credential.clientId),
    el('table', { className: 'fields' }, rows),
    logic.canAddClientSecret(credential) ? el('button', { type: 'button', id: 'add-secret', onclick: () => guarded(async () => {
      await api('POST', `${credentialPath(credential.clientId)}/secrets`,
        { clientSecret: logic.randomClientSecret(randomBytes) });
      say('Second client secret added: both work until you remove one.');
      await loadCredentials();
    }) }, 'Add a second client secret') : '',
    el('h3', {}, `Certificates (${credential.certificates.length})`),
    el('ul', { className: 'list', id: 'certificate-list' }, certificates),
    el('details', {}, el('summary', {}, 'Add a certificate (key rotation)'), addText,
      el('button', { type: 'button', id: 'add-certificate-button', onclick: () => guarded(async () => {
        await api('POST', `${credentialPath(credential.clientId)}/certificates`, { certificate: addText.value.trim() });
        say('Certificate added: JWTs signed with either key are accepted.');
        await loadCredentials();
      }) }, 'Add')),
    el('div', { className: 'row' },
      logic.isServiceAccount(credential) ? el('button', { type: 'button', onclick: () => guarded(() => useForJwt(credential.clientId)) }, 'Generate JWT') : '',
      credential.grants.includes('jwt_exchange') ? el('button', { type: 'button', id: 'convert-credential', onclick: () => guarded(async () => {
        await api('POST', `${credentialPath(credential.clientId)}/convert-to-oauth`);
        say('Converted to OAuth Server-to-Server: the JWT exchange is refused for it from now on.');
        await loadCredentials();
      }) }, 'Convert to OAuth Server-to-Server') : '',
      el('button', { type: 'button', id: 'remove-credential', className: 'danger', onclick: () => guarded(async () => {
        await api('DELETE', credentialPath(credential.clientId));
        say(`Credential ${credential.clientId} removed.`);
        state.selected = null;
        await loadCredentials();
      }) }, 'Remove the credential')));
}

function keyChoice() {
  return document.querySelector('input[name="create-key"]:checked').value;
}

async function createCredential() {
  const choice = keyChoice();
  const request = logic.credentialRequest({
    clientId: $('create-client-id').value, clientSecret: $('create-client-secret').value, orgId: $('create-org-id').value,
    technicalAccountId: $('create-technical-account-id').value, metascopes: $('create-metascopes').value,
    scopes: $('create-scopes').value, certificate: choice === 'upload' ? $('create-certificate').value : '',
    jtiRequired: $('create-jti-required').checked,
  });
  let credential;
  if (choice === 'generate') {
    say('Generating an RSA-2048 key pair…');
    const answer = await api('POST', '/credentials/generate', request);
    credential = answer.credential;
    state.generated = { clientId: credential.clientId, privateKey: answer.privateKey, certificate: answer.certificate };
    downloadGenerated();
    $('generated-panel').hidden = false;
  } else {
    if (choice === 'none') {
      request.grants = ['client_credentials'];
      delete request.certificates;
    } else if (!request.certificates) {
      throw new Error('Paste a certificate or choose its file.');
    }
    credential = await api('POST', '/credentials',
      logic.withRandomIds(request, randomBytes));
    $('generated-panel').hidden = true;
  }
  $('create-panel').hidden = true;
  say(`Credential ${credential.clientId} created.`);
  state.selected = credential.clientId;
  await loadCredentials();
}

function downloadGenerated() {
  download(logic.PRIVATE_KEY_FILE, state.generated.privateKey, 'application/x-pem-file');
  download(logic.CERTIFICATE_FILE, state.generated.certificate, 'application/x-x509-ca-cert');
}

// --- Generate JWT

function jwtCredential() {
  const credential = state.credentials.find((c) => c.clientId === $('jwt-credential').value);
  if (!credential) throw new Error('Choose a Service Account credential (create one on the Credentials tab).');
  return credential;
}

/** Console's claims for the chosen credential, timed by the fake's clock (which may be fixed or advanced). */
async function resetClaims() {
  const credential = state.credentials.find((c) => c.clientId === $('jwt-credential').value);
  $('jwt-claims').value = credential
    ? JSON.stringify(logic.consoleClaims(credential, baseUrl, await currentFakeSeconds()), null, 2) : '';
}

async function useForJwt(clientId) {
  await loadCredentials();
  $('jwt-credential').value = clientId;
  if (state.generated && state.generated.clientId === clientId) $('jwt-private-key').value = state.generated.privateKey;
  await resetClaims();
  showTab('jwt');
}

async function currentFakeSeconds() {
  const clock = await api('GET', '/clock');
  return Math.floor(Date.parse(clock.now) / 1000);
}

function claimTable(table, values, failing = []) {
  table.replaceChildren(...Object.entries(values).map(([name, value]) => el('tr', { className: failing.includes(name) ? 'failing' : '' },
    el('th', {}, name), el('td', { className: 'mono' }, logic.describeClaim(name, value)))));
}

/** The JWT being signed (WebCrypto is asynchronous): "Try it" waits for it, so a quick click sends the new JWT, not the last one. */
let signing = Promise.resolve();

function generateJwt() {
  signing = signJwt();
  return signing;
}

async function signJwt() {
  state.jwt = ''; // until the new one is signed: nothing shows or sends the last one meanwhile
  $('jwt-token').value = '';
  if (!window.crypto || !crypto.subtle) {
    throw new Error('WebCrypto is off outside a secure context: open the console at http://localhost or http://127.0.0.1 (a port mapping or SSH tunnel does it), or over HTTPS.');
  }
  const credential = jwtCredential();
  let claims;
  try {
    claims = JSON.parse($('jwt-claims').value);
  } catch (e) {
    throw new Error(`The claims are not JSON: ${e.message}`);
  }
  const key = await crypto.subtle.importKey('pkcs8', logic.privateKeyPkcs8($('jwt-private-key').value),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']).catch((e) => {
    throw new Error(`WebCrypto cannot use this key: ${e.message}`);
  });
  const header = { alg: 'RS256', typ: 'JWT' };
  const input = logic.jwtSigningInput(header, claims);
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new TextEncoder().encode(input));
  state.jwt = `${input}.${logic.base64UrlEncode(new Uint8Array(signature))}`;
  $('jwt-token').value = state.jwt;
  const decoded = logic.decodeJwt(state.jwt);
  claimTable($('jwt-header'), decoded.header);
  claimTable($('jwt-decoded-claims'), decoded.claims);
  $('jwt-curl').textContent = logic.exchangeCurl(baseUrl, credential, state.jwt);
  $('token-curl').textContent = logic.tokenCurl(baseUrl, credential);
  $('jwt-output').hidden = false;
  $('jwt-answer').hidden = true;
  say('JWT signed in the page.');
}

async function tryIt() {
  await signing;
  const credential = jwtCredential();
  const response = await fetch('/ims/exchange/jwt', {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: logic.exchangeForm(credential, state.jwt), credentials: 'omit', cache: 'no-store',
  });
  const text = await response.text();
  let body = text;
  try {
    body = JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    // a malformed-body fault: show it as it came
  }
  $('jwt-answer-status').textContent = `${response.status} ${response.statusText}`;
  $('jwt-answer-status').className = response.ok ? 'ok' : 'error';
  $('jwt-answer-reason').textContent = response.headers.get('X-Fake-Ims-Reason') || '';
  $('jwt-answer-body').textContent = body;
  $('jwt-answer').hidden = false;
  say(response.ok ? 'The fake issued an access token.' : 'The fake refused it: see its reason, and the Journal tab.', !response.ok);
  await pollJournal();
}

// --- journal

function journalFilters() {
  return { endpoint: $('journal-endpoint').value, clientId: $('journal-client').value, outcome: $('journal-outcome').value,
    error: $('journal-error').value };
}

function entryView(entry) {
  const failing = logic.failingParts(entry);
  const row = (name, value, className = '') => (value === undefined || value === null || value === '' ? ''
    : el('tr', { className }, el('th', {}, name), el('td', { className: 'mono' }, value)));
  const header = el('table', {});
  const claims = el('table', {});
  if (entry.jwtHeader) claimTable(header, entry.jwtHeader, failing.header);
  if (entry.jwtClaims) claimTable(claims, entry.jwtClaims, failing.claims);
  return el('li', { className: logic.succeeded(entry) ? 'entry ok' : 'entry failed', 'data-sequence': entry.sequence },
    el('details', {},
      el('summary', {}, logic.journalSummary(entry)),
      el('table', { className: 'fields' },
        row('Method', entry.method), row('Path', entry.path), row('Endpoint', entry.endpoint), row('Client', entry.clientId),
        row('Status', entry.status), row('Token id', entry.tokenId), row('IMS error', entry.error),
        row('Description', entry.errorDescription), row('Reason', entry.reason, 'reason'), row('Fault applied', entry.fault, 'fault'),
        row('x-debug-id', entry.debugId)),
      el('h4', {}, 'Parameters (secrets and tokens masked)'),
      el('pre', {}, JSON.stringify(entry.parameters || {}, null, 2)),
      entry.jwtHeader ? el('div', { className: 'decoded' }, el('div', {}, el('h4', {}, 'JWT header'), header),
        el('div', {}, el('h4', {}, 'JWT claims'), claims)) : '',
      el('button', { type: 'button', onclick: () => guarded(() => copy(JSON.stringify(entry, null, 2))) }, 'Copy as JSON')));
}

function renderJournal() {
  $('journal-list').replaceChildren(...state.journal.map(entryView));
  $('journal-count').textContent = state.journal.length ? String(state.journal.length) : '';
}

async function pollJournal() {
  const answer = await api('GET', `/journal${logic.journalQuery(journalFilters(), state.lastSequence)}`);
  for (const entry of answer.entries) state.lastSequence = Math.max(state.lastSequence, entry.sequence);
  $('journal-dropped').textContent = answer.droppedCount ? `${answer.droppedCount} older entries were dropped (journalSize).` : '';
  if (answer.entries.length === 0) return;
  // keep what the user opened
  const open = new Set([...document.querySelectorAll('#journal-list details[open]')].map((d) => d.parentElement.dataset.sequence));
  state.journal = logic.mergeJournal(state.journal, answer.entries);
  renderJournal();
  for (const item of $('journal-list').children) if (open.has(item.dataset.sequence)) item.firstChild.open = true;
}

async function reloadJournal() {
  state.journal = [];
  state.lastSequence = 0;
  renderJournal();
  await pollJournal();
}

function startPolling() {
  stopPolling();
  if ($('journal-live').checked) {
    state.polling = setInterval(() => pollJournal().catch((e) => {
      if (!(e instanceof Locked)) say(`The journal cannot be read: ${e.message}`, true);
    }), 1000);
  }
}

function stopPolling() {
  if (state.polling) clearInterval(state.polling);
  state.polling = null;
}

// --- faults, clock, reset

async function loadFaults() {
  const faults = await api('GET', '/faults');
  $('fault-list').replaceChildren(...faults.map((fault) => el('li', {}, logic.faultSummary(fault))));
  if (faults.length === 0) $('fault-list').append(el('li', { className: 'muted' }, 'none'));
}

async function loadClock() {
  const clock = await api('GET', '/clock');
  $('clock-now').textContent = clock.now;
  $('clock-fixed').textContent = clock.fixed ? '(fixed)' : '(running)';
}

async function addFault() {
  const fault = logic.faultRequest({
    type: $('fault-type').value, retryAfterSeconds: $('fault-retry-after').value, status: $('fault-status').value,
    delayMillis: $('fault-delay').value, malformation: $('fault-malformation').value, endpoint: $('fault-endpoint').value,
    clientId: $('fault-client').value, times: $('fault-times').value,
  });
  await api('POST', '/faults', fault);
  say('Fault added: the next matching call gets it.');
  await loadFaults();
}

// --- wiring

function on(id, action) {
  $(id).addEventListener('click', () => guarded(action));
}

function wire() {
  for (const button of document.querySelectorAll('#tabs button')) button.addEventListener('click', () => showTab(button.dataset.tab));
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('admin-token').value.trim());
    $('admin-token').value = '';
    guarded(unlock);
  });
  on('show-create', () => {
    $('create-panel').hidden = false;
    $('generated-panel').hidden = true;
  });
  on('cancel-create', () => {
    $('create-panel').hidden = true;
  });
  for (const radio of document.querySelectorAll('input[name="create-key"]')) {
    radio.addEventListener('change', () => {
      $('upload-fields').hidden = keyChoice() !== 'upload';
    });
  }
  $('create-certificate-file').addEventListener('change', async (event) => {
    if (event.target.files[0]) $('create-certificate').value = await event.target.files[0].text();
  });
  $('jwt-private-key-file').addEventListener('change', async (event) => {
    if (event.target.files[0]) $('jwt-private-key').value = await event.target.files[0].text();
  });
  on('create-button', createCredential);
  on('download-private-key', async () => download(logic.PRIVATE_KEY_FILE, state.generated.privateKey, 'application/x-pem-file'));
  on('download-certificate', async () => download(logic.CERTIFICATE_FILE, state.generated.certificate, 'application/x-x509-ca-cert'));
  on('generated-to-jwt', () => useForJwt(state.generated.clientId));
  $('jwt-credential').addEventListener('change', () => guarded(async () => {
    const clientId = $('jwt-credential').value;
    $('jwt-private-key').value = state.generated && state.generated.clientId === clientId ? state.generated.privateKey : '';
    await resetClaims();
  }));
  for (const [value, label] of Object.entries(logic.BREAKS)) $('jwt-break').append(el('option', { value }, label));
  $('jwt-break').addEventListener('change', () => guarded(async () => {
    const kind = $('jwt-break').value;
    if (!kind) return;
    await resetClaims();
    const claims = logic.breakClaim(JSON.parse($('jwt-claims').value), kind, await currentFakeSeconds());
    $('jwt-claims').value = JSON.stringify(claims, null, 2);
    $('jwt-break').value = '';
    say(`Claims broken (${logic.BREAKS[kind]}): generate the JWT and try it.`);
  }));
  on('jwt-reset-claims', resetClaims);
  on('jwt-generate', generateJwt);
  on('jwt-try', tryIt);
  on('jwt-copy-curl', () => copy($('jwt-curl').textContent));
  on('postman-collection', async () => {
    const credential = jwtCredential();
    download(`fake-ims-${credential.clientId}.postman_collection.json`, JSON.stringify(logic.postmanCollection(credential), null, 2), 'application/json');
  });
  on('postman-environment', async () => {
    const credential = jwtCredential();
    download(`fake-ims-${credential.clientId}.postman_environment.json`,
      JSON.stringify(logic.postmanEnvironment(baseUrl, credential, state.jwt), null, 2), 'application/json');
  });
  for (const id of ['journal-endpoint', 'journal-outcome']) $(id).addEventListener('change', () => guarded(reloadJournal));
  for (const id of ['journal-client', 'journal-error']) $(id).addEventListener('change', () => guarded(reloadJournal));
  $('journal-live').addEventListener('change', startPolling);
  on('journal-clear', async () => {
    await api('DELETE', '/journal');
    await reloadJournal();
    say('Journal cleared.');
  });
  $('fault-type').addEventListener('change', () => {
    for (const label of document.querySelectorAll('[data-fault]')) label.hidden = label.dataset.fault !== $('fault-type').value;
  });
  on('fault-add', addFault);
  on('fault-clear', async () => {
    await api('DELETE', '/faults');
    say('Faults cleared.');
    await loadFaults();
  });
  on('clock-fix', async () => {
    const clock = await api('POST', '/clock/fix', { instant: $('clock-fix-at').value.trim() });
    await loadClock();
    say(`The fake's clock is fixed at ${clock.now}.`);
  });
  on('clock-advance', async () => {
    const clock = await api('POST', '/clock/advance', logic.advanceRequest($('clock-advance-by').value));
    await loadClock();
    say(`The fake's clock was advanced; it says ${clock.now}.`);
  });
  on('clock-reset', async () => {
    await api('POST', '/clock/reset');
    await loadClock();
    say("The fake's clock runs with the real one again.");
  });
  on('reset-fake', async () => {
    await api('POST', '/reset');
    state.selected = null;
    await Promise.all([loadCredentials(), loadFaults(), loadClock(), reloadJournal()]);
    say('The fake is back to its configured state.');
  });
  for (const endpoint of ENDPOINTS) {
    $('journal-endpoint').append(el('option', { value: endpoint }, endpoint));
    $('fault-endpoint').append(el('option', { value: endpoint }, endpoint));
  }
  $('fault-endpoint').value = 'JWT_EXCHANGE';
}

wire();
$('base-url').textContent = baseUrl;
$('jwt-insecure').hidden = window.isSecureContext;
guarded(unlock);

// The console's page logic without the DOM: JSON -> view values, command and file texts, JWT and
// PEM/DER handling. Unit-tested with `node --test` (fake-ims-server/src/test/js/); console.js wires it
// to the page.

export const ADMIN = '/fake-ims';
export const PRIVATE_KEY_FILE = 'private.key';
export const CERTIFICATE_FILE = 'certificate_pub.crt';
export const POSTMAN_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
export const DEFAULT_METASCOPE = 'ent_analytics_bulk_ingest_sdk';
export const JOURNAL_LIMIT = 500;
export const MAX_CLIENT_SECRETS = 2;

// --- base64, PEM, DER

export function base64ToBytes(text) {
  const clean = text.replace(/[\s=]/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*$/.test(clean)) {
    throw new Error('not base64');
  }
  const binary = atob(clean + '='.repeat((4 - (clean.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function bytesToBase64(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function base64UrlEncode(bytes) {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlEncodeText(text) {
  return base64UrlEncode(new TextEncoder().encode(text));
}

export function base64UrlDecodeText(part) {
  return new TextDecoder('utf-8', { fatal: true }).decode(base64ToBytes(part));
}

/** The DER bytes of the first PEM block labelled `label` (e.g. "CERTIFICATE"), or null. */
export function pemBlock(pem, label) {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem || '');
  return match ? base64ToBytes(match[1]) : null;
}

/** Reads one DER TLV at `offset`: {tag, start (of the value), end}. */
export function derRead(bytes, offset) {
  if (offset + 2 > bytes.length) throw new Error('truncated DER');
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count < 1 || count > 4 || start + count > bytes.length) throw new Error('bad DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    start += count;
  }
  if (start + length > bytes.length) throw new Error('truncated DER');
  return { tag, start, end: start + length };
}

function derChildren(bytes, node) {
  const children = [];
  for (let offset = node.start; offset < node.end;) {
    const child = derRead(bytes, offset);
    children.push(child);
    offset = child.end;
  }
  return children;
}

function derLength(length) {
  if (length < 0x80) return [length];
  const out = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) out.unshift(rest & 0xff);
  return [0x80 | out.length, ...out];
}

function der(tag, content) {
  return Uint8Array.from([tag, ...derLength(content.length), ...content]);
}

const RSA_ALGORITHM = Uint8Array.from([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]);

/** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (what WebCrypto imports). */
export function pkcs1ToPkcs8(pkcs1) {
  const version = [0x02, 0x01, 0x00];
  const octets = der(0x04, pkcs1);
  return der(0x30, Uint8Array.from([...version, ...RSA_ALGORITHM, ...octets]));
}

/** A pasted private key as PKCS#8 DER: PKCS#8 as is, PKCS#1 (BEGIN RSA PRIVATE KEY) converted. */
export function privateKeyPkcs8(pem) {
  const pkcs8 = pemBlock(pem, 'PRIVATE KEY');
  if (pkcs8) return pkcs8;
  const pkcs1 = pemBlock(pem, 'RSA PRIVATE KEY');
  if (pkcs1) return pkcs1ToPkcs8(pkcs1);
  if (/ENCRYPTED PRIVATE KEY/.test(pem || '')) {
    throw new Error('the key is encrypted; decrypt it first: openssl pkcs8 -in key.pem -out private.key');
  }
  throw new Error('paste an unencrypted RSA private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)');
}

function derTime(bytes, node) {
  const text = new TextDecoder().decode(bytes.subarray(node.start, node.end));
  // UTCTime YYMMDDHHMMSSZ (years 1950-2049) or GeneralizedTime YYYYMMDDHHMMSSZ
  const full = node.tag === 0x17 ? (Number(text.slice(0, 2)) >= 50 ? '19' : '20') + text : text;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(full);
  if (!m) throw new Error('bad certificate time ' + text);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])).toISOString().replace('.000Z', 'Z');
}

function derName(bytes, node) {
  const parts = [];
  const names = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST' };
  for (const set of derChildren(bytes, node)) {
    for (const pair of derChildren(bytes, set)) {
      const [oid, value] = derChildren(bytes, pair);
      const id = oidText(bytes.subarray(oid.start, oid.end));
      parts.push(`${names[id] || id}=${new TextDecoder().decode(bytes.subarray(value.start, value.end))}`);
    }
  }
  return parts.join(', ');
}

function oidText(bytes) {
  const parts = [Math.floor(bytes[0] / 40), bytes[0] % 40];
  let value = 0;
  for (const b of bytes.subarray(1)) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Subject, issuer, serial and validity of a PEM certificate; `now` (ms) says whether it is valid. */
export function certificateInfo(pem, now) {
  const bytes = pemBlock(pem, 'CERTIFICATE');
  if (!bytes) throw new Error('not a PEM certificate (-----BEGIN CERTIFICATE-----)');
  const certificate = derRead(bytes, 0);
  const tbs = derChildren(bytes, certificate)[0];
  const fields = derChildren(bytes, tbs);
  const at = fields[0].tag === 0xa0 ? 1 : 0; // [0] version is optional
  const serial = fields[at];
  const [notBefore, notAfter] = derChildren(bytes, fields[at + 3]).map((node) => derTime(bytes, node));
  const state = now < Date.parse(notBefore) ? 'not yet valid' : now > Date.parse(notAfter) ? 'expired' : 'valid';
  return {
    subject: derName(bytes, fields[at + 4]),
    issuer: derName(bytes, fields[at + 2]),
    serial: hex(bytes.subarray(serial.start, serial.end)),
    notBefore,
    notAfter,
    state,
    der: bytes,
  };
}

export function fingerprintText(digestBytes) {
  return hex(new Uint8Array(digestBytes));
}

// --- credentials

export function isServiceAccount(credential) {
  return (credential.grants || []).includes('jwt_exchange');
}

export function credentialKind(credential) {
  const grants = credential.grants || [];
  if (grants.includes('jwt_exchange') && grants.includes('client_credentials')) return 'Service Account (JWT) and OAuth Server-to-Server';
  if (grants.includes('jwt_exchange')) return 'Service Account (JWT)';
  return 'OAuth Server-to-Server';
}

/** The secret as the page shows it until "Show": its prefix and length only. */
export function maskSecret(secret) {
  if (!secret) return '';
  return `${secret.slice(0, 4)}${'•'.repeat(8)} (${secret.length} chars)`;
}

/** A Console-shaped client secret (`p8e-` and 32 hex digits); `random(n)` gives n random bytes. */
export function randomClientSecret(random) {
  return `p8e-${hex(random(16))}`;
}

/** The credential's client secrets, the primary first (the admin API lists `clientSecrets` only when there are two). */
export function clientSecretsOf(credential) {
  return credential.clientSecrets && credential.clientSecrets.length ? credential.clientSecrets : [credential.clientSecret];
}

/** Whether another secret may be added: Console allows two, for rotation. */
export function canAddClientSecret(credential) {
  return clientSecretsOf(credential).length < MAX_CLIENT_SECRETS;
}

/** The scope an OAuth Server-to-Server token request asks for: the credential's scopes, else Console's default. */
function tokenScope(credential) {
  return (credential.scopes || []).join(',') || 'openid,AdobeID';
}

/** The OAuth Server-to-Server token request's form, with the chosen secret. */
export function tokenForm(credential, clientSecret) {
  return new URLSearchParams({ grant_type: 'client_credentials', client_id: credential.clientId, client_secret: clientSecret,
    scope: tokenScope(credential) }).toString();
}

/** The rows of a credential's detail view, in Console's order. */
export function credentialRows(credential) {
  return [
    ['Client ID', credential.clientId],
    ['Organization ID', credential.orgId],
    ['Technical account ID', credential.technicalAccountId],
    ['Kind', credentialKind(credential)],
    ['Metascopes', (credential.metascopes || []).join(', ') || '(none)'],
    ['Scopes', (credential.scopes || []).join(', ') || '(none)'],
    ['Grants', (credential.grants || []).join(', ')],
    ['jti required', credential.jtiRequired ? 'yes' : 'no'],
  ];
}

/** Comma- or space-separated words of a form field. */
export function words(text) {
  return (text || '').split(/[\s,]+/).map((w) => w.trim()).filter(Boolean);
}

/**
 * Console-shaped ids for the fields the form left empty (register needs them all; generate makes its
 * own): `random(n)` gives n random bytes.
 */
export function withRandomIds(request, random) {
  const hexOf = (n) => hex(random(n));
  return {
    clientId: hexOf(16),
    clientSecret: randomClientSecret(random),
    orgId: `${hexOf(12).toUpperCase()}@AdobeOrg`,
    technicalAccountId: `${hexOf(12).toUpperCase()}@techacct.adobe.com`,
    ...request,
  };
}

/** The body of register or generate from the create form; empty fields are left to the fake. */
export function credentialRequest(form) {
  const body = {};
  for (const field of ['clientId', 'clientSecret', 'orgId', 'technicalAccountId']) {
    if ((form[field] || '').trim()) body[field] = form[field].trim();
  }
  body.metascopes = words(form.metascopes);
  body.scopes = words(form.scopes);
  if (form.certificate && form.certificate.trim()) body.certificates = [form.certificate.trim()];
  if (form.jtiRequired) body.jtiRequired = true;
  return body;
}

// --- JWT

/** The claims the Developer Console's "Generate JWT" puts in a Service Account JWT (exp: 24 h). */
export function consoleClaims(credential, baseUrl, nowSeconds) {
  const claims = {
    exp: nowSeconds + 24 * 3600,
    iss: credential.orgId,
    sub: credential.technicalAccountId,
    aud: `${baseUrl}/c/${credential.clientId}`,
  };
  for (const code of credential.metascopes || []) claims[`${baseUrl}/s/${code}`] = true;
  return claims;
}

export function jwtSigningInput(header, claims) {
  return `${base64UrlEncodeText(JSON.stringify(header))}.${base64UrlEncodeText(JSON.stringify(claims))}`;
}

/** Header, claims and signature of a compact JWT; throws naming the broken part. */
export function decodeJwt(jwt) {
  const parts = (jwt || '').trim().split('.');
  if (parts.length !== 3) throw new Error(`a JWT has 3 parts separated by dots; this has ${parts.length}`);
  const part = (index, name) => {
    try {
      return JSON.parse(base64UrlDecodeText(parts[index]));
    } catch (e) {
      throw new Error(`the ${name} is not base64url-encoded JSON`);
    }
  };
  return { header: part(0, 'header'), claims: part(1, 'payload'), signature: parts[2] };
}

/** Seconds-since-epoch claims with their instant, for the decoded view. */
export function describeClaim(name, value) {
  if (['exp', 'nbf', 'iat'].includes(name) && Number.isInteger(value)) {
    return `${JSON.stringify(value)}  (${new Date(value * 1000).toISOString().replace('.000Z', 'Z')})`;
  }
  return JSON.stringify(value);
}

// --- commands and Postman

function shellQuote(text) {
  return `'${String(text).replace(/'/g, `'\\''`)}'`;
}

/** The Console's "sample cURL command" for the JWT exchange. */
export function exchangeCurl(baseUrl, credential, jwt) {
  return [
    `curl -X POST ${shellQuote(baseUrl + '/ims/exchange/jwt')} \\`,
    `  -H 'Content-Type: application/x-www-form-urlencoded' \\`,
    `  --data-urlencode ${shellQuote('client_id=' + credential.clientId)} \\`,
    `  --data-urlencode ${shellQuote('client_secret=' + credential.clientSecret)} \\`,
    `  --data-urlencode ${shellQuote('jwt_token=' + jwt)}`,
  ].join('\n');
}

/** The OAuth Server-to-Server token request. */
export function tokenCurl(baseUrl, credential) {
  return [
    `curl -X POST ${shellQuote(baseUrl + '/ims/token/v3')} \\`,
    `  -H 'Content-Type: application/x-www-form-urlencoded' \\`,
    `  --data-urlencode 'grant_type=client_credentials' \\`,
    `  --data-urlencode ${shellQuote('client_id=' + credential.clientId)} \\`,
    `  --data-urlencode ${shellQuote('client_secret=' + credential.clientSecret)} \\`,
    `  --data-urlencode ${shellQuote('scope=' + tokenScope(credential))}`,
  ].join('\n');
}

/** The form body "Try it" posts to the exchange. */
export function exchangeForm(credential, jwt) {
  return new URLSearchParams({ client_id: credential.clientId, client_secret: credential.clientSecret, jwt_token: jwt }).toString();
}

function postmanRequest(name, path, fields) {
  return {
    name,
    request: {
      method: 'POST',
      header: [{ key: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
      body: { mode: 'urlencoded', urlencoded: fields.map(([key, value]) => ({ key, value, type: 'text' })) },
      url: { raw: `{{ims_base_url}}${path}`, host: ['{{ims_base_url}}'], path: path.split('/').filter(Boolean) },
    },
  };
}

/** A Postman collection (v2.1) with the JWT exchange and the OAuth token request, for the environment below. */
export function postmanCollection(credential) {
  return {
    info: { name: `Fake IMS ${credential.clientId}`, schema: POSTMAN_SCHEMA },
    item: [
      postmanRequest('Exchange a JWT for an access token', '/ims/exchange/jwt',
        [['client_id', '{{client_id}}'], ['client_secret', '{{client_secret}}'], ['jwt_token', '{{jwt_token}}']]),
      postmanRequest('OAuth Server-to-Server access token', '/ims/token/v3',
        [['grant_type', 'client_credentials'], ['client_id', '{{client_id}}'], ['client_secret', '{{client_secret}}'],
          ['scope', '{{scopes}}']]),
    ],
  };
}

/** The Postman environment the collection reads: the fake's URL, the ids, the secret and the JWT. */
export function postmanEnvironment(baseUrl, credential, jwt) {
  const value = (key, text, type = 'default') => ({ key, value: text, type, enabled: true });
  return {
    name: `Fake IMS ${credential.clientId}`,
    values: [
      value('ims_base_url', baseUrl),
      value('client_id', credential.clientId),
      value('client_secret', credential.clientSecret, 'secret'),
      value('org_id', credential.orgId),
      value('technical_account_id', credential.technicalAccountId),
      value('scopes', tokenScope(credential)),
      value('jwt_token', jwt || '', 'secret'),
    ],
    _postman_variable_scope: 'environment',
  };
}

// --- journal

/** The JWT claim (or header field) a rejection's reason names, to highlight it. */
export function failingParts(entry) {
  const reason = entry.reason || '';
  const claims = [];
  const header = [];
  let m;
  if ((m = /^metascope claim (\S+)/.exec(reason))) {
    claims.push(m[1]);
  } else if ((m = /^metascope\(s\) \[([^\]]*)\] are not granted/.exec(reason))) {
    const codes = m[1].split(',').map((c) => c.trim());
    for (const key of Object.keys(entry.jwtClaims || {})) {
      if (codes.some((code) => key.endsWith('/s/' + code))) claims.push(key);
    }
  } else if (/^the JWT has no metascope claim/.test(reason)) {
    claims.push('aud');
  } else if ((m = /^the (\w+) claim\b/.exec(reason)) || (m = /^(\w+) (?:was|is|has)\b/.exec(reason))) {
    claims.push(m[1]);
  } else if (/^jti\b/.test(reason) || /requires a jti claim/.test(reason)) {
    claims.push('jti');
  } else if ((m = /^the JWT header (?:says|marks) (\w+)/.exec(reason))) {
    header.push(m[1] === 'alg' ? 'alg' : 'crit');
  }
  return { claims: claims.filter((c) => c !== 'JWT'), header };
}

export function succeeded(entry) {
  return entry.status >= 200 && entry.status < 300;
}

/** One line per entry for the journal list. */
export function journalSummary(entry) {
  const outcome = succeeded(entry) ? 'OK' : `${entry.error || 'error'}`;
  return `#${entry.sequence} ${entry.time} ${entry.method} ${entry.path} → ${entry.status} ${outcome}`
    + (entry.clientId ? ` · ${entry.clientId}` : '') + (entry.fault ? ` · fault: ${entry.fault}` : '');
}

/** The journal's query for the filters (only those set) and the newest sequence already shown. */
export function journalQuery(filters, afterSequence) {
  const params = new URLSearchParams();
  for (const name of ['endpoint', 'clientId', 'outcome', 'error']) {
    const value = (filters[name] || '').trim();
    if (value && value !== 'any') params.set(name, value);
  }
  if (afterSequence > 0) params.set('afterSequence', String(afterSequence));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** New entries (oldest first, as the fake lists them) in front of those shown (newest first), bounded. */
export function mergeJournal(shown, fresh, limit = JOURNAL_LIMIT) {
  const known = new Set(shown.map((e) => e.sequence));
  const added = fresh.filter((e) => !known.has(e.sequence)).sort((a, b) => b.sequence - a.sequence);
  return [...added, ...shown].slice(0, limit);
}

// --- faults and clock

/** A fault for the admin API from the fault form; throws naming the field. */
export function faultRequest(form) {
  const fault = {};
  const number = (name) => {
    const value = Number(form[name]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name}: a whole number >= 0`);
    return value;
  };
  switch (form.type) {
    case 'tooManyRequests':
      fault.type = 'status';
      fault.status = 429;
      fault.retryAfterSeconds = number('retryAfterSeconds');
      break;
    case 'status':
      fault.type = 'status';
      fault.status = number('status');
      break;
    case 'delay':
      fault.type = 'delay';
      fault.delayMillis = number('delayMillis');
      break;
    case 'dropConnection':
      fault.type = 'dropConnection';
      break;
    case 'malformedBody':
      fault.type = 'malformedBody';
      fault.malformation = form.malformation;
      break;
    default:
      throw new Error(`type: unknown fault type ${form.type}`);
  }
  if (form.endpoint) fault.endpoint = form.endpoint;
  if ((form.clientId || '').trim()) fault.clientId = form.clientId.trim();
  fault.times = number('times');
  return fault;
}

/** A pending fault in words. */
export function faultSummary(fault) {
  const what = fault.type === 'status'
    ? `status ${fault.status}` + (fault.retryAfterSeconds !== undefined ? ` (Retry-After ${fault.retryAfterSeconds} s)` : '')
    : fault.type === 'delay' ? `delay ${fault.delayMillis} ms`
      : fault.type === 'malformedBody' ? `malformed body ${fault.malformation}` : 'drop the connection';
  const where = `${fault.endpoint ? ' on ' + fault.endpoint : ' on any endpoint'}${fault.clientId ? ' for ' + fault.clientId : ''}`;
  const left = fault.durationMillis !== undefined ? `for ${fault.durationMillis} ms` : `${fault.times} more time(s)`;
  return `${what}${where}, ${left}`;
}

/** The clock-advance body from "1h 30m", "90s", "2d" or an ISO-8601 duration. */
export function advanceRequest(text) {
  const trimmed = (text || '').trim();
  if (/^P/i.test(trimmed)) return { duration: trimmed.toUpperCase() };
  const units = { d: 86400, h: 3600, m: 60, s: 1 };
  let seconds = 0;
  const rest = trimmed.replace(/(\d+)\s*([dhms])/gi, (_, n, unit) => {
    seconds += Number(n) * units[unit.toLowerCase()];
    return '';
  });
  if (!trimmed || rest.trim()) throw new Error('advance by e.g. 25h, 1h 30m, 90s, 2d or PT25H');
  return { seconds };
}

// --- "Break a claim", for trying the fake's reasons

export const BREAKS = {
  expired: 'exp in the past',
  audience: 'aud for another client',
  issuer: 'iss of another organization',
  subject: 'sub of another technical account',
  metascope: 'a metascope not granted',
  noMetascope: 'no metascope claim',
};

/** A copy of `claims` with one claim broken as `kind` says. */
export function breakClaim(claims, kind, nowSeconds) {
  const broken = { ...claims };
  switch (kind) {
    case 'expired':
      broken.exp = nowSeconds - 3600;
      break;
    case 'audience':
      broken.aud = String(claims.aud || '').replace(/\/c\/[^/]*$/, '/c/another-client-id');
      break;
    case 'issuer':
      broken.iss = 'ANOTHERORG0000000000000@AdobeOrg';
      break;
    case 'subject':
      broken.sub = 'ANOTHERACCOUNT000000000@techacct.adobe.com';
      break;
    case 'metascope': {
      const base = String(claims.aud || '').replace(/\/c\/[^/]*$/, '');
      broken[`${base}/s/ent_not_granted_sdk`] = true;
      break;
    }
    case 'noMetascope':
      for (const key of Object.keys(broken)) if (key.includes('/s/')) delete broken[key];
      break;
    default:
      throw new Error(`unknown way to break a claim: ${kind}`);
  }
  return broken;
}

// Unit tests of the console's page logic: `node --test fake-ims-server/src/test/js/` (Node 18+),
// run by ConsoleLogicNodeTest in every Maven build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, createSign, createPublicKey, createVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as logic from '../../main/resources/io/github/fakeims/server/internal/console/console-logic.mjs';

const DEMO_CERTIFICATE = readFileSync(fileURLToPath(new URL(
  '../../main/resources/io/github/fakeims/server/internal/standalone/demo-certificate.pem', import.meta.url)), 'ascii');
const BASE = 'http://127.0.0.1:8080';
const CREDENTIAL = {
  clientId: 'c0ffee', clientSecret: 'p8e-secret-0123456789', orgId: 'ORG@AdobeOrg', technicalAccountId: 'TA@techacct.adobe.com',
  metascopes: ['ent_analytics_bulk_ingest_sdk'], scopes: ['AdobeID', 'openid'], grants: ['client_credentials', 'jwt_exchange'],
  jtiRequired: false, certificates: [DEMO_CERTIFICATE],
};

test('a certificate shows its subject, serial and validity, and whether it is valid now', () => {
  const info = logic.certificateInfo(DEMO_CERTIFICATE, Date.parse('2030-01-01T00:00:00Z'));
  assert.equal(info.subject, 'CN=Fake IMS demo credential (public, for tests only)');
  assert.equal(info.serial, '56436fb106afa3ade6d7b5f82aace7ba5c146dc5');
  assert.equal(info.notBefore, '2026-11-28T11:03:29Z');
  assert.equal(info.notAfter, '2126-11-04T11:03:29Z');
  assert.equal(info.state, 'valid');
  assert.equal(logic.certificateInfo(DEMO_CERTIFICATE, Date.parse('2026-01-01T00:00:00Z')).state, 'not yet valid');
  assert.equal(logic.certificateInfo(DEMO_CERTIFICATE, Date.parse('2127-01-01T00:00:00Z')).state, 'expired');
  assert.throws(() => logic.certificateInfo('not a certificate', 0), /not a PEM certificate/);
});

test('a credential becomes the rows of its detail view, the secret masked', () => {
  const rows = Object.fromEntries(logic.credentialRows(CREDENTIAL));
  assert.equal(rows['Client ID'], 'c0ffee');
  assert.equal(rows['Organization ID'], 'ORG@AdobeOrg');
  assert.equal(rows['Technical account ID'], 'TA@techacct.adobe.com');
  assert.equal(rows.Metascopes, 'ent_analytics_bulk_ingest_sdk');
  assert.equal(rows.Kind, 'Service Account (JWT) and OAuth Server-to-Server');
  assert.equal(logic.credentialKind({ grants: ['client_credentials'] }), 'OAuth Server-to-Server');
  assert.equal(logic.isServiceAccount({ grants: ['client_credentials'] }), false);
  assert.equal(logic.maskSecret(CREDENTIAL.clientSecret), 'p8e-•••••••• (21 chars)');
  assert.ok(!logic.maskSecret(CREDENTIAL.clientSecret).includes('secret-0123'));
});

test('the create form leaves empty ids to the fake and splits lists', () => {
  assert.deepEqual(logic.credentialRequest({ clientId: ' ', metascopes: 'a, b  c', scopes: 'openid,AdobeID', certificate: '' }),
    { metascopes: ['a', 'b', 'c'], scopes: ['openid', 'AdobeID'] });
  assert.deepEqual(logic.credentialRequest({ clientId: 'x', metascopes: '', scopes: '', certificate: 'PEM', jtiRequired: true }),
    { clientId: 'x', metascopes: [], scopes: [], certificates: ['PEM'], jtiRequired: true });
});

test("Console's claims: exp in 24 h, iss, sub, aud and one claim per metascope", () => {
  assert.deepEqual(logic.consoleClaims(CREDENTIAL, BASE, 1000), {
    exp: 1000 + 86400, iss: 'ORG@AdobeOrg', sub: 'TA@techacct.adobe.com', aud: `${BASE}/c/c0ffee`,
    [`${BASE}/s/ent_analytics_bulk_ingest_sdk`]: true,
  });
});

test('a JWT signed the way the page signs it verifies, and decodes back', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const claims = logic.consoleClaims(CREDENTIAL, BASE, 1000);
  const input = logic.jwtSigningInput({ alg: 'RS256', typ: 'JWT' }, claims);
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey);
  const jwt = `${input}.${logic.base64UrlEncode(signature)}`;
  assert.ok(createVerify('RSA-SHA256').update(input).verify(publicKey, logic.base64ToBytes(jwt.split('.')[2])));
  const decoded = logic.decodeJwt(jwt);
  assert.deepEqual(decoded.header, { alg: 'RS256', typ: 'JWT' });
  assert.deepEqual(decoded.claims, claims);
  assert.throws(() => logic.decodeJwt('a.b'), /3 parts/);
  assert.throws(() => logic.decodeJwt('!!.e30.x'), /header is not base64url-encoded JSON/);
  assert.equal(logic.describeClaim('exp', 86400), '86400  (1970-01-02T00:00:00Z)');
});

test('a PKCS#1 key (BEGIN RSA PRIVATE KEY) becomes the same PKCS#8 DER as PKCS#8 itself', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' });
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  assert.deepEqual(Buffer.from(logic.privateKeyPkcs8(pkcs1)), pkcs8);
  assert.deepEqual(Buffer.from(logic.privateKeyPkcs8(privateKey.export({ type: 'pkcs8', format: 'pem' }))), pkcs8);
  assert.throws(() => logic.privateKeyPkcs8('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA==\n-----END ENCRYPTED PRIVATE KEY-----'), /encrypted/);
  assert.throws(() => logic.privateKeyPkcs8(DEMO_CERTIFICATE), /unencrypted RSA private key/);
  assert.ok(createPublicKey(privateKey));
});

test('the sample cURL commands quote for the shell and carry the JWT', () => {
  const curl = logic.exchangeCurl(BASE, { ...CREDENTIAL, clientSecret: "it's" }, 'h.p.s');
  assert.equal(curl, [
    "curl -X POST 'http://127.0.0.1:8080/ims/exchange/jwt' \\",
    "  -H 'Content-Type: application/x-www-form-urlencoded' \\",
    "  --data-urlencode 'client_id=c0ffee' \\",
    "  --data-urlencode 'client_secret=it'\\''s' \\",
    "  --data-urlencode 'jwt_token=h.p.s'",
  ].join('\n'));
  assert.match(logic.tokenCurl(BASE, CREDENTIAL), /grant_type=client_credentials[\s\S]*scope=AdobeID,openid'$/);
  assert.equal(logic.exchangeForm(CREDENTIAL, 'h.p.s'), 'client_id=c0ffee&client_secret=p8e-secret-0123456789&jwt_token=h.p.s');
});

test('the Postman collection (v2.1) has the exchange and the token request; the environment fills them', () => {
  const collection = logic.postmanCollection(CREDENTIAL);
  assert.equal(collection.info.schema, 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
  const [exchange, token] = collection.item;
  assert.equal(exchange.request.method, 'POST');
  assert.equal(exchange.request.url.raw, '{{ims_base_url}}/ims/exchange/jwt');
  assert.deepEqual(exchange.request.url.path, ['ims', 'exchange', 'jwt']);
  assert.deepEqual(exchange.request.body.urlencoded.map((p) => p.key), ['client_id', 'client_secret', 'jwt_token']);
  assert.equal(token.request.url.raw, '{{ims_base_url}}/ims/token/v3');
  assert.deepEqual(token.request.body.urlencoded.map((p) => `${p.key}=${p.value}`),
    ['grant_type=client_credentials', 'client_id={{client_id}}', 'client_secret={{client_secret}}', 'scope={{scopes}}']);
  const environment = logic.postmanEnvironment(BASE, CREDENTIAL, 'h.p.s');
  assert.equal(environment._postman_variable_scope, 'environment');
  const values = Object.fromEntries(environment.values.map((v) => [v.key, v]));
  const used = JSON.stringify(collection).match(/\{\{(\w+)\}\}/g).map((v) => v.slice(2, -2));
  for (const variable of used) assert.ok(values[variable], `the environment defines ${variable}`);
  assert.equal(values.ims_base_url.value, BASE);
  assert.equal(values.client_secret.type, 'secret');
  assert.equal(values.jwt_token.value, 'h.p.s');
});

test("a rejection's reason names the claim to highlight", () => {
  const claims = { aud: 'x', exp: 1, [`${BASE}/s/ent_a`]: true, [`${BASE}/s/ent_b`]: true };
  const parts = (reason) => logic.failingParts({ reason, jwtClaims: claims });
  assert.deepEqual(parts('aud was http://x/c/other, expected http://x/c/me').claims, ['aud']);
  assert.deepEqual(parts('exp was 2026-01-01T00:00:00Z (1767225600), 5 s ago').claims, ['exp']);
  assert.deepEqual(parts('iss was A@AdobeOrg, expected the organization B@AdobeOrg').claims, ['iss']);
  assert.deepEqual(parts('the exp claim is missing; IMS requires it').claims, ['exp']);
  assert.deepEqual(parts(`metascope claim ${BASE}/s/ent_a is "true"; IMS requires the JSON boolean true`).claims, [`${BASE}/s/ent_a`]);
  assert.deepEqual(parts('metascope(s) [ent_b] are not granted to client_id me (granted: [ent_a])').claims, [`${BASE}/s/ent_b`]);
  assert.deepEqual(parts('jti 42 was already used by client_id me').claims, ['jti']);
  assert.deepEqual(parts('the JWT header says alg HS256; IMS accepts RS256 only').header, ['alg']);
  assert.deepEqual(parts('the signature does not verify with the public key of any of the 1 certificates'), { claims: [], header: [] });
  assert.deepEqual(logic.failingParts({}), { claims: [], header: [] });
});

test('the journal: filters as a query, new entries merged newest first without duplicates, bounded', () => {
  assert.equal(logic.journalQuery({ endpoint: 'TOKEN', clientId: ' c0ffee ', outcome: '', error: '' }, 7),
    '?endpoint=TOKEN&clientId=c0ffee&afterSequence=7');
  assert.equal(logic.journalQuery({}, 0), '');
  const entry = (sequence) => ({ sequence });
  assert.deepEqual(logic.mergeJournal([entry(2), entry(1)], [entry(2), entry(3), entry(4)]).map((e) => e.sequence), [4, 3, 2, 1]);
  assert.equal(logic.mergeJournal([], Array.from({ length: 10 }, (_, i) => entry(i + 1)), 3).length, 3);
  const summary = logic.journalSummary({ sequence: 3, time: 'T', method: 'POST', path: '/ims/exchange/jwt', status: 429,
    error: 'too_many_requests', clientId: 'c0ffee', fault: 'status 429' });
  assert.equal(summary, '#3 T POST /ims/exchange/jwt → 429 too_many_requests · c0ffee · fault: status 429');
  assert.equal(logic.succeeded({ status: 200 }), true);
});

test('the fault form becomes the admin API fault JSON, and a pending fault reads back in words', () => {
  assert.deepEqual(logic.faultRequest({ type: 'tooManyRequests', retryAfterSeconds: '3', endpoint: 'JWT_EXCHANGE', clientId: '', times: '2' }),
    { type: 'status', status: 429, retryAfterSeconds: 3, endpoint: 'JWT_EXCHANGE', times: 2 });
  assert.deepEqual(logic.faultRequest({ type: 'malformedBody', malformation: 'HTML_PAGE', endpoint: '', clientId: 'c', times: '1' }),
    { type: 'malformedBody', malformation: 'HTML_PAGE', clientId: 'c', times: 1 });
  assert.throws(() => logic.faultRequest({ type: 'delay', delayMillis: '-1', times: '1' }), /delayMillis/);
  assert.equal(logic.faultSummary({ type: 'status', status: 429, retryAfterSeconds: 3, endpoint: 'TOKEN', times: 1 }),
    'status 429 (Retry-After 3 s) on TOKEN, 1 more time(s)');
  assert.equal(logic.faultSummary({ type: 'dropConnection', durationMillis: 500 }), 'drop the connection on any endpoint, for 500 ms');
});

test('advancing the clock reads 25h, 1h 30m, 90s and ISO-8601', () => {
  assert.deepEqual(logic.advanceRequest('25h'), { seconds: 90000 });
  assert.deepEqual(logic.advanceRequest('1h 30m'), { seconds: 5400 });
  assert.deepEqual(logic.advanceRequest('pt1h'), { duration: 'PT1H' });
  assert.throws(() => logic.advanceRequest('soon'), /advance by/);
  assert.throws(() => logic.advanceRequest(''), /advance by/);
});

test('breaking a claim changes exactly that claim', () => {
  const claims = logic.consoleClaims(CREDENTIAL, BASE, 1000);
  assert.equal(logic.breakClaim(claims, 'expired', 5000).exp, 1400);
  assert.equal(logic.breakClaim(claims, 'audience', 0).aud, `${BASE}/c/another-client-id`);
  assert.ok(logic.breakClaim(claims, 'metascope', 0)[`${BASE}/s/ent_not_granted_sdk`]);
  assert.deepEqual(Object.keys(logic.breakClaim(claims, 'noMetascope', 0)), ['exp', 'iss', 'sub', 'aud']);
  for (const kind of Object.keys(logic.BREAKS)) {
    const broken = logic.breakClaim(claims, kind, 1000);
    assert.notDeepEqual(broken, claims, kind);
  }
  assert.throws(() => logic.breakClaim(claims, 'nonsense', 0), /unknown way/);
});

test('a registered credential gets Console-shaped random ids where the form left them empty', () => {
  let next = 0;
  const random = (n) => Uint8Array.from({ length: n }, () => next++ % 256);
  const filled = logic.withRandomIds({ clientId: 'mine', metascopes: [] }, random);
  assert.equal(filled.clientId, 'mine');
  assert.match(filled.clientSecret, /^p8e-[0-9a-f]{32}$/);
  assert.match(filled.orgId, /^[0-9A-F]{24}@AdobeOrg$/);
  assert.match(filled.technicalAccountId, /^[0-9A-F]{24}@techacct\.adobe\.com$/);
  assert.deepEqual(filled.metascopes, []);
});

test('client secrets: the primary alone or both, a Console-shaped second one, and the token form for either', () => {
  assert.deepEqual(logic.clientSecretsOf(CREDENTIAL), ['p8e-secret-0123456789']);
  assert.equal(logic.canAddClientSecret(CREDENTIAL), true);
  const rotating = { ...CREDENTIAL, clientSecrets: ['p8e-secret-0123456789', 'p8e-second'] };
  assert.deepEqual(logic.clientSecretsOf(rotating), ['p8e-secret-0123456789', 'p8e-second']);
  assert.equal(logic.canAddClientSecret(rotating), false);
  assert.equal(logic.randomClientSecret((n) => new Uint8Array(n).fill(0xab)), `p8e-${'ab'.repeat(16)}`);
  const form = new URLSearchParams(logic.tokenForm(rotating, 'p8e-second'));
  assert.deepEqual(Object.fromEntries(form), {
    grant_type: 'client_credentials', client_id: 'c0ffee', client_secret: 'p8e-second', scope: 'AdobeID,openid',
  });
  assert.equal(new URLSearchParams(logic.tokenForm({ clientId: 'x', scopes: [] }, 's')).get('scope'), 'openid,AdobeID');
});

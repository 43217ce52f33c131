// Adobe's own Node client for the Service Account (JWT) flow, @adobe/jwt-auth, pointed at the fake by its `ims` option.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const auth = require('@adobe/jwt-auth');
const { FakeIms } = require('../fake-ims');

const METASCOPE = 'ent_analytics_bulk_ingest_sdk';
let ims;
let credential;
let privateKey;

before(async () => {
  ims = await FakeIms.start({ adminToken: 'node-example-admin-token' });
  ({ credential, privateKey } = ims.newCredential([METASCOPE]));
  await ims.admin('POST', '/fake-ims/credentials', credential);
});

after(async () => {
  await ims?.stop();
});

function options(overrides = {}) {
  return {
    clientId: credential.clientId,
    clientSecret: credential.clientSecret,
    technicalAccountId: credential.technicalAccountId,
    orgId: credential.orgId,
    privateKey,
    metaScopes: [METASCOPE],
    ims: ims.baseUrl,
    ...overrides
  };
}

test('jwt-auth gets an access token from the fake, and the journal shows the exchange', async () => {
  const { access_token: token, expires_in: expiresIn } = await auth(options());

  // milliseconds on the JWT exchange, and the time remaining (a little under 24 h), as IMS answers
  assert.ok(expiresIn > 86340000 && expiresIn < 86400000, `expires_in ${expiresIn}`);
  const found = await ims.admin('POST', '/fake-ims/tokens/find', { token });
  assert.equal(found.state, 'VALID');
  assert.equal(found.clientId, credential.clientId);

  const journal = await ims.admin('GET', `/fake-ims/journal?endpoint=JWT_EXCHANGE&clientId=${credential.clientId}`);
  assert.equal(journal.entries.length, 1);
  const [exchange] = journal.entries;
  assert.equal(exchange.status, 200);
  assert.equal(exchange.tokenId, found.id);
  assert.equal(exchange.jwtClaims.iss, credential.orgId);
  assert.equal(exchange.jwtClaims.sub, credential.technicalAccountId);
  assert.equal(exchange.jwtClaims[`${ims.baseUrl}/s/${METASCOPE}`], true);
  assert.match(exchange.parameters.client_secret, /^p8e-…/, 'secrets are masked in the journal');
});

test('a metascope the credential lacks fails in jwt-auth with IMS\'s error, and the journal says why', async () => {
  await assert.rejects(auth(options({ metaScopes: ['ent_user_sdk'] })), {
    code: 'invalid_scope',
    message: 'The metascopes in the JWT are not a subset of the metascopes in the binding.'
  });

  const failed = await ims.admin('GET', `/fake-ims/journal?endpoint=JWT_EXCHANGE&clientId=${credential.clientId}&outcome=failed`);
  assert.equal(failed.entries.length, 1);
  assert.equal(failed.entries[0].error, 'invalid_scope');
  assert.match(failed.entries[0].reason, /ent_user_sdk/);
});

test('a scripted 503 reaches jwt-auth as a failed request', async () => {
  await ims.admin('POST', '/fake-ims/faults', { status: 503, endpoint: 'JWT_EXCHANGE', clientId: credential.clientId });

  await assert.rejects(auth(options()), { code: 'temporarily_unavailable' });

  const journal = await ims.admin('GET', `/fake-ims/journal?endpoint=JWT_EXCHANGE&clientId=${credential.clientId}`);
  assert.equal(journal.entries.at(-1).status, 503);
  assert.ok(journal.entries.at(-1).fault, 'the entry names the fault applied');
});

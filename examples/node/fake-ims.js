// Starts the standalone fake IMS jar on a free loopback port and talks to its admin API.
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const JAR = process.env.FAKE_IMS_JAR
  || path.resolve(__dirname, '..', '..', 'fake-ims-server', 'target', 'fake-ims-server.jar');
const START_TIMEOUT_MS = 30000;

class FakeIms {
  static async start({ adminToken }) {
    if (!fs.existsSync(JAR)) {
      throw new Error(`${JAR} is missing: build it first (mvn -q -B package -DskipTests -pl fake-ims-server -am)`);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-ims-node-'));
    const child = spawn('java', ['-jar', JAR, '--port', '0', '--demo-dir', dir, '--admin-token', adminToken],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stderr.on('data', chunk => output.push(chunk.toString()));
    const baseUrl = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no 'Fake IMS listening on' within ${START_TIMEOUT_MS} ms:\n${output.join('')}`)),
        START_TIMEOUT_MS);
      child.on('exit', code => reject(new Error(`the fake exited with ${code} before listening:\n${output.join('')}`)));
      readline.createInterface({ input: child.stdout }).on('line', line => {
        output.push(line + '\n');
        const listening = /^Fake IMS listening on (http:\/\/\S+)$/.exec(line);
        if (listening) {
          clearTimeout(timer);
          resolve(listening[1]);
        }
      });
    });
    return new FakeIms(child, baseUrl, adminToken, dir);
  }

  constructor(child, baseUrl, adminToken, dir) {
    this.child = child;
    this.baseUrl = baseUrl;
    this.adminToken = adminToken;
    this.dir = dir;
  }

  /** A fresh key pair and certificate from the jar's keygen tool, and a credential for them (certificate as PEM text). */
  newCredential(metascopes) {
    const keys = fs.mkdtempSync(path.join(this.dir, 'keys-'));
    const printed = execFileSync('java', ['-jar', JAR, 'keygen', '--out', keys, '--metascope', metascopes.join(',')],
      { encoding: 'utf8' });
    const credential = JSON.parse(printed.trim().split('\n').pop());
    credential.certificates = [fs.readFileSync(path.join(keys, 'certificate.pem'), 'utf8')];
    return { credential, privateKey: fs.readFileSync(path.join(keys, 'private.key'), 'utf8') };
  }

  /** One admin call: JSON in and out, with the admin token; a non-2xx throws with the fake's reason. */
  async admin(method, route, body) {
    const response = await fetch(this.baseUrl + route, {
      method,
      headers: {
        Authorization: `Bearer ${this.adminToken}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
      },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
    }
    return text ? JSON.parse(text) : undefined;
  }

  async stop() {
    if (this.child.exitCode === null) {
      const exited = new Promise(resolve => this.child.on('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

module.exports = { FakeIms };

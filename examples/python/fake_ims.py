"""Starts the standalone fake IMS jar on a free loopback port and talks to its admin API (standard library only)."""
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request

JAR = pathlib.Path(os.environ.get("FAKE_IMS_JAR") or
                   pathlib.Path(__file__).resolve().parents[2] / "fake-ims-server" / "target" / "fake-ims-server.jar")
START_TIMEOUT_SECONDS = 30
LISTENING = re.compile(r"^Fake IMS listening on (http://\S+)$")


class AdminError(Exception):
    """The admin API answered something else than 2xx; carries the fake's reason."""


class FakeIms:
    def __init__(self, admin_token):
        if not JAR.exists():
            raise FileNotFoundError(f"{JAR} is missing: build it first "
                                    "(mvn -q -B package -DskipTests -pl fake-ims-server -am)")
        self.admin_token = admin_token
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="fake-ims-python-"))
        self.process = subprocess.Popen(
            ["java", "-jar", str(JAR), "--port", "0", "--demo-dir", str(self.dir), "--admin-token", admin_token],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.base_url = self._wait_until_listening()

    def _wait_until_listening(self):
        found, seen = [], []

        def read():
            for line in self.process.stdout:
                seen.append(line)
                match = LISTENING.match(line.strip())
                if match and not found:
                    found.append(match.group(1))
                    ready.set()
            ready.set()  # the fake stopped

        ready = threading.Event()
        # Keeps draining stdout after start, so the fake never blocks on a full pipe.
        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(START_TIMEOUT_SECONDS) or not found:
            self.stop()
            raise RuntimeError("the fake did not say 'Fake IMS listening on' in time:\n" + "".join(seen))
        return found[0]

    def new_credential(self, metascopes):
        """A fresh key pair and certificate from the jar's keygen tool, and a credential for them (certificate as PEM)."""
        keys = pathlib.Path(tempfile.mkdtemp(dir=self.dir, prefix="keys-"))
        printed = subprocess.run(["java", "-jar", str(JAR), "keygen", "--out", str(keys), "--metascope", ",".join(metascopes)],
                                 check=True, capture_output=True, text=True).stdout
        credential = json.loads(printed.strip().splitlines()[-1])
        credential["certificates"] = [(keys / "certificate.pem").read_text()]
        return credential, (keys / "private.key").read_text()

    def admin(self, method, route, body=None):
        """One admin call: JSON in and out, with the admin token."""
        # JSON even when empty: the admin API refuses other content types on POST (no cross-site form posts)
        headers = {"Authorization": f"Bearer {self.admin_token}", "Content-Type": "application/json"}
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base_url + route, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as error:
            raise AdminError(f"{method} {route} answered {error.code}: {error.read().decode()}") from None
        return json.loads(text) if text else None

    def post_form(self, route, form):
        """An IMS call: a form post; returns (status, JSON body), error statuses included."""
        request = urllib.request.Request(self.base_url + route, data=urllib.parse.urlencode(form).encode(), method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)

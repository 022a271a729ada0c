"""A zc serve process on a free loopback port, for the tests and the load
test: started with --port 0, its address read from the line it prints,
stopped with SIGTERM."""

import http.client
import re
import signal
import subprocess


class Server:
    def __init__(self, zc, ruleset, *args, cwd=None, env=None):
        self.process = subprocess.Popen([zc, "serve", ruleset, "--port", "0", *args], cwd=cwd, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = self.process.stdout.readline().decode()
        match = re.search(r"listening on (http://127\.0\.0\.1:(\d+)/)$", line.strip())
        if not match:
            self.process.kill()
            raise AssertionError(f"zc serve did not start: {line!r} {self.process.stderr.read().decode()}")
        self.url = match.group(1)
        self.port = int(match.group(2))

    def request(self, method, path, body=None, headers=None, connection=None):
        """(status, headers with lower-case names, body); on `connection` if given, else on a new one."""
        own = connection is None
        connection = connection or http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        if own:
            connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def alive(self):
        return self.process.poll() is None

    def stop(self):
        """The exit code: 0 when it stopped as asked."""
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=20)
        self.process.stdout.close()
        self.process.stderr.close()
        return code

# A sample app using only the standard library (Python 2.7 and 3): answers with what it runs as.
import os
import platform

try:
    from http.server import BaseHTTPRequestHandler, HTTPServer
except ImportError:
    from BaseHTTPServer import BaseHTTPRequestHandler, HTTPServer

PORT = int(os.environ["PORT"])


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        body = ("hello from python %s as uid %d on port %d, app directory writable: %s\n"
                % (platform.python_version(), os.getuid(), PORT, str(os.access(".", os.W_OK)).lower())).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


HTTPServer(("0.0.0.0", PORT), Hello).serve_forever()

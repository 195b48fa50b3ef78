#!/usr/bin/env python3
"""What a person's browser does in an OIDC login, scripted for the interop scripts.

    browser.py URL USERNAME PASSWORD

Opens URL (the login URL a stock client printed), follows each redirect keeping cookies, fills in the
identity provider's login form (the first form on the page, with its hidden fields) with USERNAME and
PASSWORD, submits it, and follows redirects to the page the login ends on. Prints that page's status on the
first line and its text after it; exits 0 when the final status is 2xx, 1 otherwise.

Cookies are kept per host by hand: http.cookiejar does not send back the Secure cookies an identity
provider sets over plain http on localhost, which a browser does.
"""
import html
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

MAX_REDIRECTS = 20
FORM = re.compile(r'<form[^>]*\baction="([^"]+)"[^>]*>(.*?)</form>', re.S | re.I)
HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', re.I)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Browser:
    def __init__(self):
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def _send(self, url, data=None):
        host = urllib.parse.urlsplit(url).hostname
        request = urllib.request.Request(url, data=data)
        jar = self.cookies.get(host, {})
        if jar:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in jar.items()))
        if data is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            reply = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            reply = error
        for header in reply.headers.get_all("Set-Cookie") or []:
            pair = header.split(";", 1)[0]
            if "=" not in pair:
                continue
            name, value = (part.strip() for part in pair.split("=", 1))
            if not value or "max-age=0" in header.lower():
                self.cookies.setdefault(host, {}).pop(name, None)
            else:
                self.cookies.setdefault(host, {})[name] = value
        return reply.status, reply.headers.get("Location"), reply.read().decode("utf-8", "replace")

    def follow(self, url, data=None):
        for _ in range(MAX_REDIRECTS + 1):
            status, location, body = self._send(url, data)
            if status // 100 != 3 or not location:
                return url, status, body
            url, data = urllib.parse.urljoin(url, location), None
        raise SystemExit(f"more than {MAX_REDIRECTS} redirects")

    def submit(self, url, body, fields):
        form = FORM.search(body)
        if not form:
            raise SystemExit(f"no form on {url}:\n{body}")
        values = {html.unescape(n): html.unescape(v) for n, v in HIDDEN.findall(form.group(2))}
        values.update(fields)
        action = urllib.parse.urljoin(url, html.unescape(form.group(1)))
        return self.follow(action, urllib.parse.urlencode(values).encode())


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    url, username, password = sys.argv[1:]
    browser = Browser()
    page_url, status, body = browser.follow(url)
    if status != 200 or "password" not in body:
        print(status)
        print(body)
        raise SystemExit(f"expected a login form at {page_url}")
    _, status, body = browser.submit(page_url, body, {"username": username, "password": password})
    print(status)
    print(re.sub(r"<[^>]+>", " ", body))
    sys.exit(0 if status // 100 == 2 else 1)


if __name__ == "__main__":
    main()

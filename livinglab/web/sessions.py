"""Signed-cookie sessions for pages only: the API is stateless and authenticates by bearer token.

A browser's page cookie sent along with an API call would otherwise take part in the API request
(and flask-login's session protection would then refuse the token).
"""

from flask.sessions import SecureCookieSessionInterface


class PageSessionInterface(SecureCookieSessionInterface):
    def open_session(self, app, request):
        if request.path.startswith("/api/"):
            return self.null_session_class()
        return super().open_session(app, request)

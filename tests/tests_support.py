"""Helpers shared by test modules (walking the URL map)."""

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def routes(app):
    """Every (rule, method) the app serves, sorted for stable test ids."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        for method in sorted(rule.methods - IGNORED_METHODS):
            yield rule, method


def api_rules(app):
    for rule, method in routes(app):
        if rule.rule.startswith("/api/") and not rule.rule.endswith("openapi.json"):
            yield rule, method

"""The load mix for bench/load.py: host staff, ministry viewers and a region officer on the pages,
and an integration client on the API, each with its own session or token.

Settings come from the environment bench/load.py sets: LOAD_TOKENS (a JSON file of bearer tokens),
LOAD_REQUESTS (stop after this many requests in all), LOAD_PASSWORD (the demo password).
"""

import json
import os
import random

import gevent
from locust import HttpUser, between, events, task

TOKENS = json.loads(open(os.environ["LOAD_TOKENS"]).read())  # noqa: SIM115
REGIONS = TOKENS["regions"]
LIMIT = int(os.environ.get("LOAD_REQUESTS", "2000"))
PASSWORD = os.environ["LOAD_PASSWORD"]
sent = {"n": 0}


@events.request.add_listener
def _stop_after_the_limit(**_kwargs):
    sent["n"] += 1
    runner = _stop_after_the_limit.environment.runner
    if sent["n"] == LIMIT and runner is not None:
        gevent.spawn(runner.quit)  # not from inside a user's greenlet, which quit() kills


@events.init.add_listener
def _remember_environment(environment, **_kwargs):
    _stop_after_the_limit.environment = environment


class PageUser(HttpUser):
    abstract = True
    wait_time = between(0.05, 0.2)
    email = ""

    def on_start(self):
        page = self.client.get("/login", name="/login").text
        token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
        self.client.post(
            "/login", data={"email": self.email, "password": PASSWORD, "csrf_token": token}, name="POST /login"
        )

    def region(self):
        return random.choice(REGIONS)


class HostStaff(PageUser):
    weight = 3
    email = "mentor@demo.livinglab.id"

    @task(3)
    def overview(self):
        self.client.get("/overview", name="/overview")

    @task(3)
    def region_page(self):
        self.client.get(f"/regions/{self.region()}", name="/regions/[code]")

    @task(1)
    def reviews(self):
        self.client.get("/reviews", name="/reviews")


class MinistryViewer(PageUser):
    weight = 2
    email = "viewer@demo.livinglab.id"

    @task(3)
    def national(self):
        self.client.get("/national", name="/national")

    @task(1)
    def national_map(self):
        self.client.get("/map", name="/map")

    @task(2)
    def region_page(self):
        self.client.get(f"/regions/{self.region()}", name="/regions/[code]")


class RegionOfficer(PageUser):
    weight = 2
    email = "officer.bandung@demo.livinglab.id"

    @task(3)
    def my_commitment(self):
        self.client.get("/my-commitment", name="/my-commitment")

    @task(1)
    def inbox(self):
        self.client.get("/inbox", name="/inbox")


class ApiClient(HttpUser):
    weight = 3
    wait_time = between(0.05, 0.2)

    def on_start(self):
        self.client.headers["Authorization"] = f"Bearer {TOKENS['api']}"

    @task(2)
    def overview(self):
        self.client.get("/api/v1/overview?per_page=100", name="/api/v1/overview")

    @task(2)
    def summary(self):
        self.client.get("/api/v1/summary", name="/api/v1/summary")

    @task(3)
    def progress(self):
        self.client.get(f"/api/v1/regions/{random.choice(REGIONS)}/progress", name="/api/v1/regions/[code]/progress")

    @task(2)
    def commitments(self):
        self.client.get(f"/api/v1/commitments?region={random.choice(REGIONS)}", name="/api/v1/commitments")

"""Webhook channel: a JSON POST to WEBHOOK_URL (WhatsApp/SMS gateways), signed with HMAC-SHA256.

The signature covers the moment of sending and the body: `X-LivingLab-Timestamp` carries unix
seconds and `X-LivingLab-Signature` is `sha256=` + HMAC(WEBHOOK_SECRET, timestamp + "." + body),
so a receiver can check both and refuse a replayed request whose timestamp is old.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

SIGNATURE_HEADER = "X-LivingLab-Signature"
TIMESTAMP_HEADER = "X-LivingLab-Timestamp"


def signature(secret, timestamp, body):
    signed = str(int(timestamp)).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


class WebhookChannel:
    def __init__(self, url, secret, timeout=20):
        self.url, self.secret, self.timeout = url, secret, timeout

    def send(self, payload, message_id):
        from livinglab.channels import ChannelError

        if not self.url:
            raise ChannelError("WEBHOOK_URL is not set; webhook contacts cannot be reached")
        if not self.secret:
            raise ChannelError("WEBHOOK_SECRET is not set; webhooks are not sent unsigned")
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
        timestamp = int(time.time())
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                TIMESTAMP_HEADER: str(timestamp),
                SIGNATURE_HEADER: signature(self.secret, timestamp, body),
                "X-LivingLab-Message-Id": message_id,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                if not 200 <= response.status < 300:
                    raise ChannelError(f"webhook answered {response.status}")
        except urllib.error.HTTPError as error:
            raise ChannelError(f"webhook answered {error.code}") from error
        except (urllib.error.URLError, OSError) as error:
            raise ChannelError(f"webhook unreachable: {error}") from error

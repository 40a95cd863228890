"""Webhook channel: a JSON POST to WEBHOOK_URL (WhatsApp/SMS gateways), signed with HMAC-SHA256."""

import hashlib
import hmac
import json
import urllib.error
import urllib.request

SIGNATURE_HEADER = "X-LivingLab-Signature"


def signature(secret, body):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class WebhookChannel:
    def __init__(self, url, secret, timeout=20):
        self.url, self.secret, self.timeout = url, secret, timeout

    def send(self, payload, message_id):
        from livinglab.channels import ChannelError

        if not self.url:
            raise ChannelError("WEBHOOK_URL is not set; webhook contacts cannot be reached")
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                SIGNATURE_HEADER: signature(self.secret, body),
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

"""File outbox: each email becomes an .eml file under instance/outbox/ (the default channel)."""

import hashlib
from pathlib import Path


class FileOutbox:
    def __init__(self, directory):
        self.directory = Path(directory)

    def send(self, message):
        from livinglab.channels import ChannelError

        try:
            return self._write(message)
        except OSError as error:
            raise ChannelError(f"file outbox {self.directory}: {error}") from error

    def _write(self, message):
        self.directory.mkdir(parents=True, exist_ok=True)
        data = message.as_bytes()
        key = message.get("Message-ID") or hashlib.sha256(data).hexdigest()
        name = hashlib.sha256(key.encode()).hexdigest()[:24] + ".eml"
        tmp = self.directory / (name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(self.directory / name)
        return self.directory / name

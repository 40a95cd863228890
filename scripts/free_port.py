"""Print the port `make run` serves on: PORT if it is free on HOST, else the next free one.

Usage: python3 scripts/free_port.py HOST PORT  (standard library only: runs before the venv exists)
Exits 1 with a message on stderr when none of the next 50 ports is free.
"""

import socket
import sys

TRIES = 50


def is_free(host, port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def main(host, wanted):
    for port in range(wanted, wanted + TRIES):
        if is_free(host, port):
            if port != wanted:
                print(f"Port {wanted} on {host} is busy; serving on {port} instead.", file=sys.stderr)
            print(port)
            return 0
    print(
        f"Ports {wanted}–{wanted + TRIES - 1} on {host} are all busy: free one or run `make run PORT=…`.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))

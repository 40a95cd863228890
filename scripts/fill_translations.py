"""Fill the catalogues after `make messages`: English gets msgstr = msgid, Indonesian gets the
translations from the given Python files (each defines a dict T: msgid or (singular, plural) →
translation or (translation,)). Prints the msgids still missing an Indonesian translation."""

import importlib.util
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent / "livinglab" / "translations"


def load(paths):
    table = {}
    for path in paths:
        spec = importlib.util.spec_from_file_location(Path(path).stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        table.update(module.T)
    return table


def main(paths):
    table = load(paths)
    missing = []
    for locale in ("id", "en"):
        path = ROOT / locale / "LC_MESSAGES" / "messages.po"
        with open(path, "rb") as handle:
            catalogue = read_po(handle, locale=locale)
        for message in catalogue:
            if not message.id:
                continue
            plural = isinstance(message.id, tuple)
            if locale == "en":
                message.string = tuple(message.id) if plural else message.id
            elif not (all(message.string) if plural else message.string):
                found = table.get(message.id)
                if found is None:
                    missing.append(message.id)
                    continue
                message.string = tuple([found[0]] * catalogue.num_plurals) if plural else found
            message.flags.discard("fuzzy")
        with open(path, "wb") as handle:
            write_po(handle, catalogue, width=100)
    for message_id in missing:
        print(f"missing: {message_id!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

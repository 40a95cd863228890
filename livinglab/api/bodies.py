"""Reading request bodies the API's way: a schema's refusal and a missing file part become the
usual 422 (`Invalid`) with a message per field."""

import marshmallow as ma
from flask import request
from flask_babel import gettext as _

from livinglab.errors import Invalid


def load(schema, body):
    """`body` checked and converted by `schema`, or Invalid naming each refused field."""
    try:
        return schema.load(body)
    except ma.ValidationError as error:
        fields = {key: "; ".join(map(str, value)) for key, value in error.normalized_messages().items()}
        raise Invalid(_("Some values are not valid."), fields) from None


def uploaded_file():
    """(bytes, file name) of the multipart `file` part; the upload store checks the file itself."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise Invalid(_("Send the evidence file in the `file` part."), {"file": _("Required.")})
    return upload.read(), upload.filename

"""Account emails (password reset links), sent after the transaction committed."""

from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, render_template
from flask_babel import force_locale

from livinglab.channels import mail_channel


def compose(to, template, **context):
    """Render templates/email/<template>.{subject.txt,txt} into an EmailMessage."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = render_template(f"email/{template}.subject.txt", **context).strip()
    message["Message-ID"] = make_msgid(domain="livinglab.localhost")
    message.set_content(render_template(f"email/{template}.txt", **context))
    return message


def send_password_reset(user, token):
    link = current_app.config["BASE_URL"].rstrip("/") + f"/reset-password/{token}"
    with force_locale(user.locale):
        message = compose(user.email, "password_reset", user=user, link=link)
    channel = mail_channel(current_app.config["MAIL_URL"], current_app.instance_path)
    channel.send(message)

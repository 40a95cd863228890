"""Sign in, sign out, language switch and password reset by emailed link."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from livinglab import i18n, policy
from livinglab.errors import Invalid
from livinglab.services import accounts, password_reset
from livinglab.web.access import end_browser_session, requires, start_browser_session
from livinglab.web.after_response import deliver_after_response
from livinglab.web.auth.forms import ForgotPasswordForm, LocaleForm, LoginForm, ProfileForm, ResetPasswordForm
from livinglab.web.limits import login_limit, password_reset_limit
from livinglab.web.safe_redirect import local_path

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@requires(policy.PUBLIC)
@login_limit
def login():
    if current_user.is_authenticated:
        return redirect(local_path(request.args.get("next"), url_for("dashboard.home")))
    form = LoginForm(next=request.args.get("next", ""))
    status = 200
    retry_after = {}
    if form.validate_on_submit():
        try:
            signed_in = accounts.authenticate(form.email.data, form.password.data, request.remote_addr)
        except accounts.Throttled as throttled:
            flash(
                _(
                    "Too many failed sign-in attempts. Please wait %(minutes)s minutes and try again.",
                    minutes=throttled.minutes,
                ),
                "danger",
            )
            status = 429
            retry_after = {"Retry-After": str(throttled.minutes * 60)}
        else:
            if signed_in is not None:
                start_browser_session(*signed_in)
                return redirect(local_path(form.next.data, url_for("dashboard.home")))
            flash(_("The email or password is not correct."), "danger")
            status = 401
    elif form.is_submitted():
        status = 400
    return render_template("auth/login.html", form=form), status, retry_after


@bp.route("/logout", methods=["POST"])
@requires(policy.PUBLIC)
def logout():
    end_browser_session()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/locale", methods=["POST"])
@requires(policy.PUBLIC)
def set_locale():
    form = LocaleForm()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            accounts.set_locale(current_user, form.locale.data)
    return redirect(local_path(form.next.data, url_for("dashboard.home")))


@bp.route("/profile", methods=["GET", "POST"])
@requires(policy.LOGIN)
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        accounts.set_preferences(current_user, {"locale": form.locale.data, "timezone": form.timezone.data or None})
        session["locale"] = form.locale.data
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form, zone=i18n.viewer_zone())


@bp.route("/forgot-password", methods=["GET", "POST"])
@requires(policy.PUBLIC)
@password_reset_limit
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        deliver_after_response(password_reset.request_own_password_reset(form.email.data))
        flash(
            _("If an active account uses this email, a reset link is on its way. It is valid for one hour."),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form), 400 if form.is_submitted() else 200


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@requires(policy.PUBLIC)
@password_reset_limit
def reset_password(token):
    try:
        password_reset.user_for_reset_token(token)
    except Invalid as error:
        return render_template("auth/reset_invalid.html", message=error.message), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            password_reset.reset_password(token, form.password.data, revoke_tokens=form.revoke_tokens.data)
        except Invalid as error:
            form.password.errors.append(error.message)
        else:
            flash(_("Your password was changed. Sign in with the new password."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)

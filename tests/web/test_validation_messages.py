"""WTForms', flask-wtf's and marshmallow's own messages in the reader's language (issue 16, point 4)."""

import re

import pytest

ERRORS = re.compile(r'(?s)class="invalid-feedback[^"]*"[^>]*>\s*(.*?)\s*<')


def _errors(response):
    return ERRORS.findall(response.get_data(as_text=True))


def _contact(client, **values):
    data = {"name": "Ibu Rina", "email": "rina@example.go.id", "channel": "email", "role": "officer", "locale": "id"}
    data.update(values)
    return client.post("/regions/32.04/contacts/new", data=data)


@pytest.mark.parametrize(
    ("locale", "required", "choice", "email", "length"),
    [
        ("id", "Isian ini wajib diisi.", "Pilihan tidak valid.", "Alamat email tidak sah.", "lebih dari 120"),
        ("en", "This field is required.", "Not a valid choice.", "Invalid email address.", "longer than 120"),
    ],
)
def test_contact_form_messages_in_the_users_language(login_as, locale, required, choice, email, length):
    client = login_as("host_admin", locale=locale)
    response = _contact(client, name="", channel="pigeon")
    assert response.status_code == 422
    assert required in _errors(response) and choice in _errors(response)
    assert any(email in message for message in _errors(_contact(client, email="not-an-address")))
    assert any(length in message for message in _errors(_contact(client, name="x" * 121)))


@pytest.mark.parametrize(
    ("locale", "date", "number_range"),
    [
        ("id", "Tanggal tidak valid.", "Angka harus antara 1 dan 5."),
        ("en", "Not a valid date value.", "Number must be between 1 and 5."),
    ],
)
def test_date_and_number_range_messages_in_the_users_language(login_as, make_commitment, locale, date, number_range):
    commitment = make_commitment()
    client = login_as("host_admin", locale=locale)
    plan = f"/commitments/milestones/{commitment.milestones[0].id}/plan"
    assert number_range in _errors(client.post(plan, data={"due_date": "2025-06-30", "target_level": "9"}))
    assert date in _errors(client.post(f"/commitments/{commitment.id}/edit", data={"signed_on": "31-31-2025"}))


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("id", "Formulir sudah kedaluwarsa"), ("en", "The form has expired or is missing its security token")],
)
def test_missing_csrf_token_is_explained_in_the_users_language(login_as, locale, expected):
    client = login_as("host_admin", locale=locale)
    response = client.http.post("/regions/32.04/contacts/new", data={"name": "Ibu Rina"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert expected in page and "CSRF" not in page


@pytest.mark.parametrize(
    ("locale", "required", "choice", "integer"),
    [
        ("id", "Data wajib diisi belum ada.", "Harus salah satu dari: id, en.", "Bukan bilangan bulat yang valid."),
        ("en", "Missing data for required field.", "Must be one of: id, en.", "Not a valid integer."),
    ],
)
def test_api_validation_messages_in_the_token_users_language(api_as, locale, required, choice, integer):
    client = api_as("host_admin", locale=locale)
    fields = client.patch("/api/v1/me", json={"locale": "xx"}).get_json()["error"]["fields"]
    assert fields == {"locale": choice}
    response = client.post("/api/v1/signing-events", json={"place": "Sumedang", "target_year": "soon"})
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert fields["name"] == required and fields["target_year"] == integer

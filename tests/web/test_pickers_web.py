"""Pickers that scale (issue 16 point 5): practices as grouped checkboxes posted as the old
multi-select was, the commitment's study visits narrowed to the chosen region."""

import re

from sqlalchemy import select
from tests_support import study_visit

from livinglab.extensions import db
from livinglab.models import Commitment, Practice
from livinglab.services import practice_packages

SELECT = re.compile(r'<select[^>]*id="study_visit_id"[^>]*>(.*?)</select>', re.S)


def _offered_visits(page):
    return re.findall(r'<option[^>]* value="(\d+)"', SELECT.search(page).group(1))


def test_practices_are_checkboxes_grouped_by_domain_and_aspect_with_package_quick_picks(login_as):
    host = login_as("host_staff", locale="en")
    page = host.get("/commitments/new").get_data(as_text=True)
    assert "<select multiple" not in page and 'multiple id="practices"' not in page
    assert 'type="checkbox" name="practices" id="practices-1" value="SPBE-01"' in page
    practice = db.session.scalar(select(Practice).where(Practice.code == "SPBE-01"))
    group = f"{practice.framework.name} · {practice.domain.name} · {practice.aspect.name}"
    assert f'<legend class="ll-checklist-group-name">{group}</legend>' in page
    everything = practice_packages.list_packages()[0]
    assert everything.name.startswith("Semua ") and f">{everything.name}</button>" in page
    assert f'data-checklist-pick="{" ".join(everything.codes)}"' in page


def test_ticked_practices_and_packages_are_posted_as_before(login_as):
    host = login_as("host_staff", locale="en")
    package = practice_packages.list_packages()[1]  # one SPBE domain
    response = host.post(
        "/commitments/new",
        data={
            "region": "Kab. Bandung",
            "signatory_name": "H. M. Dadang Supriatna",
            "signed_on": "2022-11-21",
            "status": "signed",
            "practices": ["SPBE-01", "HOST-MPP"],
            "packages": [package.name],
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    commitment = db.session.scalar(select(Commitment))
    assert {m.practice.code for m in commitment.milestones} == {"SPBE-01", "HOST-MPP", *package.codes}


def test_visit_form_practices_are_checkboxes(login_as):
    host = login_as("host_staff", locale="en")
    page = host.get("/visits/new").get_data(as_text=True)
    assert 'type="checkbox" name="practices" id="practices-1" value="SPBE-01"' in page
    assert 'data-picker="region"' in page


def test_the_form_offers_only_the_known_regions_study_visits(login_as):
    host = login_as("host_staff", locale="en")
    bandung, garut = study_visit(host.user, "32.04"), study_visit(host.user, "32.05")
    everything = host.get("/commitments/new").get_data(as_text=True)
    assert set(_offered_visits(everything)) == {str(bandung.id), str(garut.id)}
    narrowed = host.get("/commitments/new?region=Kab.%20Bandung").get_data(as_text=True)
    assert _offered_visits(narrowed) == [str(bandung.id)]
    kept = re.search(r'<template id="study_visit_id-all">(.*?)</template>', narrowed, re.S).group(1)
    assert f'<option value="{garut.id}" data-region-name="Kabupaten Garut">' in kept  # for the script to widen


def test_another_regions_study_visit_is_refused_with_a_clear_error(login_as):
    host = login_as("host_staff", locale="en")
    study_visit(host.user, "32.04")
    garut = study_visit(host.user, "32.05")
    response = host.post(
        "/commitments/new",
        data={
            "region": "32.04",
            "study_visit_id": str(garut.id),
            "signatory_name": "H. M. Dadang Supriatna",
            "signed_on": "2022-11-21",
            "status": "signed",
            "practices": ["SPBE-01"],
        },
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "That study visit was made by another region." in page
    assert str(garut.id) not in _offered_visits(page)
    assert db.session.scalar(select(Commitment)) is None


def test_the_edit_form_offers_only_the_commitments_regions_visits(login_as, make_commitment):
    host = login_as("host_staff", locale="en")
    bandung, garut = study_visit(host.user, "32.04"), study_visit(host.user, "32.05")
    commitment = make_commitment()
    page = host.get(f"/commitments/{commitment.id}/edit").get_data(as_text=True)
    assert _offered_visits(page) == [str(bandung.id)]
    assert str(garut.id) not in _offered_visits(page)

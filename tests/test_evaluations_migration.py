"""Migration 0008 folds the old `baselines` rows into official evaluations, and its downgrade
gives them back: run on a fresh database of each backend, from 0007 with baseline rows in it."""

from datetime import UTC, datetime

import flask_migrate
from sqlalchemy import inspect, text

from livinglab.extensions import db

RECORDED = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


def _rows(sql, **params):
    with db.engine.connect() as connection:
        return connection.execute(text(sql), params).all()


def _fill_0007():
    regions = [(1, "32", "Jawa Barat", "province", None), (2, "32.04", "Kabupaten Bandung", "regency", 1)]
    practices = [(1, "SPBE-01"), (2, "SPBE-02"), (3, "SPBE-33")]
    baselines = [  # region, practice, level, year, source (one row per region and practice)
        (2, 1, 3, 2021, "KepmenPANRB 5/2022"),
        (2, 2, 2, 2021, "Laporan evaluasi 2021"),
        (2, 3, 7, 2021, None),  # outside 1–5: cannot be kept
        (1, 1, 2, None, None),  # no year
        (1, 3, 4, 2022, "KepmenPANRB 9/2023"),
    ]
    with db.engine.begin() as connection:
        for id_, code, name, kind, parent in regions:
            connection.execute(
                text(
                    "INSERT INTO regions (id, code, name, kind, parent_id, timezone, administrative)"
                    " VALUES (:id, :code, :name, :kind, :parent, 'WIB', false)"
                ),
                {"id": id_, "code": code, "name": name, "kind": kind, "parent": parent},
            )
        connection.execute(
            text(
                "INSERT INTO frameworks (id, code, family, version, name, official, created_at)"
                " VALUES (1, 'spbe-2020', 'spbe', '2020', 'SPBE 2020', true, :at)"
            ),
            {"at": RECORDED},
        )
        for id_, code in practices:
            connection.execute(
                text(
                    "INSERT INTO practices (id, framework_id, code, title, weight, level_scale,"
                    " default_duration_days, position, active)"
                    " VALUES (:id, 1, :code, :code, 1, 'process', 365, :id, true)"
                ),
                {"id": id_, "code": code},
            )
        for n, (region, practice, level, year, source) in enumerate(baselines, start=1):
            connection.execute(
                text(
                    "INSERT INTO baselines (id, region_id, practice_id, level, year, source, recorded_at)"
                    " VALUES (:id, :region, :practice, :level, :year, :source, :at)"
                ),
                {"id": n, "region": region, "practice": practice, "level": level, "year": year, "source": source}
                | {"at": RECORDED},
            )


def test_baselines_become_evaluations_and_come_back_on_downgrade(fresh_app):
    flask_migrate.upgrade(revision="0007")
    _fill_0007()

    flask_migrate.upgrade(revision="0008")
    assert "baselines" not in inspect(db.engine).get_table_names()
    evaluations = _rows(
        "SELECT id, region_id, year, spbe_index, predicate, source, evaluated_on FROM evaluations"
        " ORDER BY region_id, year"
    )
    # One evaluation per (region, year); no index or predicate was ever recorded; sources joined.
    summary = {(e.region_id, e.year): (e.spbe_index, e.predicate, e.source, e.evaluated_on) for e in evaluations}
    assert summary == {
        (1, 2022): (None, None, "KepmenPANRB 9/2023", None),
        (1, None): (None, None, None, None),
        (2, 2021): (None, None, "KepmenPANRB 5/2022; Laporan evaluasi 2021", None),
    }
    levels = _rows(
        "SELECT e.region_id, e.year, l.practice_id, l.level FROM evaluation_levels l"
        " JOIN evaluations e ON e.id = l.evaluation_id ORDER BY e.region_id, e.year, l.practice_id"
    )
    assert sorted((r.region_id, r.year, r.practice_id, r.level) for r in levels if r.year) == [
        (1, 2022, 3, 4),
        (2, 2021, 1, 3),
        (2, 2021, 2, 2),  # the level 7 of practice 3 is left out
    ]
    assert [(r.region_id, r.practice_id, r.level) for r in levels if r.year is None] == [(1, 1, 2)]
    created = _rows("SELECT created_at FROM evaluations WHERE region_id = 2 AND year = 2021")[0][0]
    assert created is not None

    flask_migrate.downgrade(revision="0007")
    tables = inspect(db.engine).get_table_names()
    assert "baselines" in tables and "evaluations" not in tables and "evaluation_levels" not in tables
    back = _rows("SELECT region_id, practice_id, level, year, source FROM baselines ORDER BY region_id, practice_id")
    # Every kept level as it was (the level 7 could not be kept).
    assert [tuple(r) for r in back] == [
        (1, 1, 2, None, None),
        (1, 3, 4, 2022, "KepmenPANRB 9/2023"),
        (2, 1, 3, 2021, "KepmenPANRB 5/2022; Laporan evaluasi 2021"),
        (2, 2, 2, 2021, "KepmenPANRB 5/2022; Laporan evaluasi 2021"),
    ]

"""Demo study visits by ministries, agencies and other organisations (DOMAIN.md: besides dozens
of regions, 20+ ministries and agencies came to Sumedang for studi tiru before the Living Lab).

Called once by `services.demo.seed_demo` when it creates its records, so running the demo again
adds nothing. Every visit is labelled with the demo tag.
"""

from datetime import date

from livinglab.services import visits

VISITORS = (
    ({"kind": "agency", "code": "kemendagri"}, date(2021, 3, 16), "Direktur Jenderal Bina Pembangunan Daerah", 12),
    ({"kind": "agency", "code": "kemenpanrb"}, date(2021, 6, 8), "Deputi Bidang Kelembagaan dan Tata Laksana", 9),
    ({"kind": "agency", "code": "bssn"}, date(2021, 9, 21), "Direktur Keamanan Siber Pemerintah Daerah", 6),
    ({"kind": "agency", "code": "bappenas"}, date(2022, 2, 15), "Direktur Aparatur Negara", 7),
    ({"kind": "agency", "code": "komdigi"}, date(2022, 5, 24), "Direktur Layanan Aplikasi Informatika", 10),
    (
        {"kind": "organisation", "name": "Institut Pemerintahan Dalam Negeri (IPDN)", "type": "university"},
        date(2022, 3, 9),
        "Dekan Fakultas Manajemen Pemerintahan",
        25,
    ),
    (
        {"kind": "organisation", "name": "Perkumpulan Transparansi Anggaran Daerah", "type": "ngo"},
        date(2022, 7, 12),
        "Koordinator Program Tata Kelola Digital",
        4,
    ),
    (
        {"kind": "organisation", "name": "Program Pembangunan PBB (UNDP) Indonesia", "type": "international"},
        date(2022, 8, 30),
        "Koordinator Program Inovasi Pelayanan Publik",
        5,
    ),
)

PRACTICES = ("HOST-EOFFICE", "HOST-COMMAND-CENTER", "HOST-TIM-KOORDINASI")


def seed(actor, tag):
    """Record the visits as `actor`; returns the line the demo prints."""
    for n, (visitor, start, head, size) in enumerate(VISITORS):
        visits.create_visit(
            actor,
            visitor=visitor,
            start_date=start,
            end_date=start,
            head_of_delegation=f"{head} {tag}",
            delegation_size=size,
            practices=[PRACTICES[n % len(PRACTICES)]],
            notes=f"Studi tiru ke Kabupaten Sumedang {tag}.",
        )
    return f"demo study visits of agencies and organisations: {len(VISITORS)}"

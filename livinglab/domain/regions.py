"""Facts about Indonesian region codes (Kemendagri) that follow from the code alone."""

WITA_PROVINCES = frozenset({"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"})
WIT_PROVINCES = frozenset({"81", "82", "91", "92", "93", "94", "95", "96", "97"})
JAKARTA_ADMINISTRATIVE = frozenset({"31.01", "31.71", "31.72", "31.73", "31.74", "31.75"})
UTC_OFFSETS = {"WIB": 7, "WITA": 8, "WIT": 9}
IANA_ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
HEAD_TITLES = {"province": "Gubernur", "regency": "Bupati", "city": "Wali Kota"}


def province_code(code):
    return code.split(".")[0]


def timezone_for(code):
    """WIB/WITA/WIT for a province or regency/city code, by its province."""
    province = province_code(code)
    if province in WIT_PROVINCES:
        return "WIT"
    if province in WITA_PROVINCES:
        return "WITA"
    return "WIB"


def is_administrative(code):
    """Jakarta's six administrative units have no local government of their own."""
    return code in JAKARTA_ADMINISTRATIVE


def kind_for(code):
    """`province` for `NN`; `regency` for `NN.01`–`NN.69`; `city` for `NN.71`–`NN.99`."""
    if "." not in code:
        return "province"
    return "city" if int(code.split(".")[1]) >= 71 else "regency"

#!/usr/bin/env python3
"""Writes Sources/BatonCore/Leads/CountryTable.swift: every ISO 3166-1 country with its codes, names and sales region.

The ISO data comes from pycountry (which packages Debian's iso-codes); the English names people write instead,
and the sales regions, are kept by hand below. Usage:

    python3 -m venv .venv && .venv/bin/pip install pycountry
    .venv/bin/python scripts/generate-countries.py
"""

import pathlib
import re
import sys
import unicodedata

import pycountry

OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "Sources/BatonCore/Leads/CountryTable.swift"

# The sales regions routing rules name. These are the answers Foundation's UN M49 continents gave before the table
# (Americas: Northern America "na", the rest "latam"; Western Asia, Europe and Africa "emea"; other Asia and Oceania
# "apac"), kept so that rules keep matching the same leads.
SALES_REGIONS = {
    "na": "BM CA GL PM US",
    "latam": "AG AI AR AW BB BL BO BQ BR BS BV BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT GY HN HT JM KN KY LC MF MQ MS"
    " MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI",
    "apac": "AF AQ AS AU BD BN BT CC CK CN CX FJ FM GU HK HM ID IN IR JP KG KH KI KP KR KZ LA LK MH MM MN MO MP MV MY NC"
    " NF NP NR NU NZ PF PG PH PK PN PW SB SG TH TJ TK TL TM TO TV TW UM UZ VN VU WF WS",
    "emea": "AD AE AL AM AO AT AX AZ BA BE BF BG BH BI BJ BW BY CD CF CG CH CI CM CV CY CZ DE DJ DK DZ EE EG EH ER ES ET"
    " FI FO FR GA GB GE GG GH GI GM GN GQ GR GW HR HU IE IL IM IO IQ IS IT JE JO KE KM KW LB LI LR LS LT LU LV LY MA MC"
    " MD ME MG MK ML MR MT MU MW MZ NA NE NG NL NO OM PL PS PT QA RE RO RS RU RW SA SC SD SE SH SI SJ SK SL SM SN SO SS"
    " ST SY SZ TD TF TG TN TR TZ UA UG VA YE YT ZA ZM ZW",
}

# Places ISO 3166-1 lists no country for (Kosovo) or only reserves a code for (Ascension Island and Tristan da
# Cunha, parts of SH), which numbering plans and CRMs use: alpha-2, alpha-3, name, sales region.
EXTRA_COUNTRIES = [
    ("AC", None, "Ascension Island", "emea"),
    ("TA", None, "Tristan da Cunha", "emea"),
    ("XK", "XKX", "Kosovo", "emea"),
]

# English (and a few native) names people write that are none of the ISO names, by code. Word order, case, accents
# and punctuation do not matter (see `key`), so "Korea, South" needs no line of its own.
ALIASES = {
    "AE": ["UAE", "Emirates"],
    "AT": ["Österreich"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "BN": ["Brunei"],
    "BO": ["Bolivia"],
    "BQ": ["Caribbean Netherlands", "Bonaire"],
    "BR": ["Brasil"],
    "BS": ["The Bahamas"],
    "CD": ["Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"],
    "CH": ["Schweiz", "Suisse", "Svizzera"],
    "CI": ["Ivory Coast", "Cote d Ivoire"],
    "CN": ["China mainland", "Mainland China", "PRC"],
    "CV": ["Cape Verde"],
    "CZ": ["Czech Republic"],
    "DE": ["Deutschland"],
    "ES": ["España", "Canary Islands", "Ceuta", "Melilla"],
    "FK": ["Malvinas"],
    "FM": ["Micronesia"],
    "FR": ["Clipperton Island"],
    "GB": ["UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    "GG": ["Sark"],
    "GM": ["The Gambia"],
    "GS": ["So. Georgia & So. Sandwich Isl."],
    "HK": ["Hong Kong SAR China"],
    "HM": ["Heard & McDonald Islands"],
    "IO": ["Chagos Archipelago", "Diego Garcia"],
    "IR": ["Iran", "Persia"],
    "KP": ["North Korea", "DPRK"],
    "KR": ["South Korea", "Korea", "Republic of Korea"],
    "LA": ["Laos"],
    "MD": ["Moldova"],
    "MF": ["St. Martin"],
    "MK": ["Macedonia", "Republic of Macedonia"],
    "MM": ["Myanmar (Burma)", "Burma"],
    "MO": ["Macao SAR China", "Macau"],
    "NL": ["Holland", "The Netherlands"],
    "PN": ["Pitcairn Islands"],
    "PS": ["Palestine", "Palestinian Territories"],
    "RU": ["Russia"],
    "SH": ["Saint Helena"],
    "SJ": ["Svalbard & Jan Mayen"],
    "ST": ["São Tomé & Príncipe"],
    "SY": ["Syria"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor"],
    "TR": ["Turkey", "Türkiye"],
    "TW": ["Taiwan"],
    "TZ": ["Tanzania"],
    "UM": ["U.S. Outlying Islands"],
    "US": ["USA", "US", "U.S.", "U.S.A.", "United States of America", "America", "US of A"],
    "VA": ["Vatican", "Vatican City"],
    "VE": ["Venezuela"],
    "VI": ["U.S. Virgin Islands", "US Virgin Islands"],
    "VN": ["Vietnam"],
}

STOP_WORDS = {"the", "and", "of"}


def key(text):
    """The lookup key, as Country.key makes it in Swift: case and accents folded, "." and apostrophes dropped, other
    punctuation separating words, "&", "and", "of" and "the" left out unless they are all there is, "St" read as
    "Saint", the words sorted."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    folded = re.sub(r"[.'’`]", "", folded)
    words = ["saint" if w == "st" else w for w in re.split(r"[\W_]+", folded) if w]
    meaningful = [w for w in words if w not in STOP_WORDS]
    return " ".join(sorted(meaningful or words))


def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"' if text else "nil"


def main():
    region_of = {code: region for region, codes in SALES_REGIONS.items() for code in codes.split()}
    rows = [
        (c.alpha_2, c.alpha_3, c.name, getattr(c, "official_name", None), getattr(c, "common_name", None))
        for c in pycountry.countries
    ] + [(alpha2, alpha3, name, None, None) for alpha2, alpha3, name, _ in EXTRA_COUNTRIES]
    region_of.update({alpha2: region for alpha2, _, _, region in EXTRA_COUNTRIES})
    codes = {row[0] for row in rows}
    problems = [f"{code} has no sales region" for code in sorted(codes - region_of.keys())]
    problems += [f"{code} has a sales region but is no country" for code in sorted(region_of.keys() - codes)]
    problems += [f"alias of unknown code {code}" for code in sorted(ALIASES.keys() - codes)]

    # Names without their parenthesised part ("Falkland Islands (Malvinas)" → "Falkland Islands") are written too.
    aliases = {code: list(names) for code, names in ALIASES.items()}
    for alpha2, _, *names in rows:
        for name in filter(None, names):
            if "(" in name:
                aliases.setdefault(alpha2, []).append(re.sub(r"\s*\([^)]*\)", "", name))

    owner = {}
    for row in rows:
        for text in filter(None, row):
            owner.setdefault(key(text), set()).add(row[0])
    new_aliases = []  # only aliases that the ISO names or an earlier alias do not already give
    for code in sorted(aliases):
        for name in aliases[code]:
            if key(name) not in owner:
                new_aliases.append((name, code))
            owner.setdefault(key(name), set()).add(code)
    problems += [f"'{k}' names {sorted(found)}" for k, found in sorted(owner.items()) if len(found) > 1]
    if problems:
        sys.exit("generate-countries: " + "; ".join(problems))

    lines = [
        f"// Generated by scripts/generate-countries.py from pycountry {pycountry_version()} (Debian iso-codes). Do not edit:",
        "// change the script and run it again.",
        "",
        "extension Country {",
        "    /// Every ISO 3166-1 country, and Ascension Island (AC), Tristan da Cunha (TA) and Kosovo (XK): alpha-2,",
        "    /// alpha-3, sales region, ISO short name, official name, common name.",
        "    static let table: [Entry] = [",
    ]
    for alpha2, alpha3, name, official, common in sorted(rows):
        fields = [alpha2, alpha3, region_of[alpha2], name, official, common]
        lines.append("        Entry(" + ", ".join(swift_string(field) for field in fields) + "),")
    lines += [
        "    ]",
        "",
        "    /// Names people write that are none of the ISO names, with the alpha-2 code they mean.",
        "    static let aliases: [(name: String, code: String)] = [",
    ]
    lines += [f"        ({swift_string(name)}, {swift_string(code)})," for name, code in new_aliases]
    lines += ["    ]", "}", ""]
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUTPUT.name}: {len(rows)} countries, {len(new_aliases)} aliases")


def pycountry_version():
    from importlib.metadata import version

    return version("pycountry")


if __name__ == "__main__":
    main()

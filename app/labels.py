"""Every text of the workshop pages, in Dutch (default) and English.

`text(key, lang)` returns the string; `fmt_pct` and `fmt_thousands` format numbers the way
each language writes them (decimal comma and thousands dot in Dutch).
"""

from __future__ import annotations

import math

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

LABELS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ frame and controls
    "app_title": {"nl": "Techniekpact-werkplaats", "en": "Techniekpact workshop"},
    "nav_path": {"nl": "Padafhankelijkheid", "en": "Path dependence"},
    "nav_crisis": {"nl": "Crisis", "en": "Crisis"},
    "switch_language": {"nl": "English", "en": "Nederlands"},
    "controls": {"nl": "Bediening", "en": "Controls"},
    "controls_hint": {
        "nl": "Step = één schooljaar verder, ▶ = afspelen, Reset = opnieuw beginnen.",
        "en": "Step = one school year on, ▶ = play, Reset = start again.",
    },
    "settings": {"nl": "Instellingen", "en": "Settings"},
    "settings_hint": {
        "nl": "Een nieuwe instelling geldt direct: het model rekent dezelfde jaren opnieuw.",
        "en": "A new setting applies at once: the model recomputes the same years.",
    },
    "year_of": {"nl": "Jaar {year} van {years}", "en": "Year {year} of {years}"},
    "calendar_year": {"nl": "Schooljaar {year}", "en": "School year {year}"},
    "seed": {"nl": "Toeval (seed)", "en": "Chance (seed)"},
    "run_again": {"nl": "Nog eens, met ander toeval", "en": "Run again with another seed"},
    "figures_latest": {"nl": "Cijfers van het laatste jaar", "en": "Figures of the latest year"},
    "no_data_yet": {"nl": "Nog geen jaren gerekend: druk op Step of ▶.",
                    "en": "No years simulated yet: press Step or ▶."},
    "girls": {"nl": "meisjes", "en": "girls"},
    "boys": {"nl": "jongens", "en": "boys"},
    "year": {"nl": "jaar", "en": "year"},
    # ------------------------------------------------------------------ path-dependence page
    "path_title": {"nl": "Padafhankelijkheid: kleine verschillen, blijvende gevolgen",
                   "en": "Path dependence: small differences, lasting effects"},
    "path_intro": {
        "nl": (
            "Een kleine regio met **10 scholen**; elk jaar begint een nieuwe groep van "
            "1.500 kinderen op de basisschool. Op 14 jaar kiezen ze wel of geen techniek "
            "(vmbo-sector of havo/vwo-profiel), daarna een opleiding in mbo, hbo of wo en een "
            "eerste baan. Alle scholen beginnen **precies gelijk**.\n\n"
            "**Probeer:** druk op ▶ en kijk 30 jaar vooruit. Zet dan *invloed van "
            "klasgenoten* op 8 of hoger en druk op *Nog eens, met ander toeval*. Verander "
            "*vroege kennismaking* of het *stereotype*.\n\n"
            "**Let op:** gaan scholen uit elkaar lopen, en blijven ze daarna waar ze zijn? "
            "Eindigen dezelfde beginvoorwaarden bij een ander toeval ergens anders? De "
            "Pólya-urn onderaan laat hetzelfde zien met alleen ballen."
        ),
        "en": (
            "A small region with **10 schools**; every year a new group of 1,500 children "
            "starts primary school. At 14 they choose techniek or not (vmbo sector or "
            "havo/vwo profile), then a programme in mbo, hbo or wo, and a first job. All "
            "schools start **exactly the same**.\n\n"
            "**Try:** press ▶ and look 30 years ahead. Then set the *peer effect* to 8 or "
            "more and press *Run again with another seed*. Change *early exposure* or the "
            "*stereotype*.\n\n"
            "**Look for:** do schools drift apart, and do they stay where they ended up? Do "
            "the same starting conditions end somewhere else with other luck? The Pólya urn "
            "at the bottom shows the same thing with nothing but balls."
        ),
    },
    "early_exposure": {"nl": "Vroege kennismaking met techniek op de basisschool (0-1)",
                       "en": "Early exposure to techniek in primary school (0-1)"},
    "stereotype": {"nl": "Stereotype voor meisjes (1 = zoals in 2013)",
                   "en": "Stereotype strength for girls (1 = 2013 level)"},
    "peer_effect": {"nl": "Invloed van klasgenoten van hetzelfde geslacht (0-10)",
                    "en": "Peer effect, same gender (0-10)"},
    "information_quality": {
        "nl": "Informatie over de arbeidsmarkt (0 = alleen vandaag, 1 = lange termijn)",
        "en": "Information quality (0 = today's market only, 1 = long-term outlook)"},
    "bad_year": {"nl": "Eén slecht jaar op de arbeidsmarkt (jaar 3)",
                 "en": "One bad year on the labour market (year 3)"},
    "point_vo": {"nl": "keuze in het vo (14 jaar)", "en": "choice in vo (age 14)"},
    "point_post": {"nl": "opleiding mbo/hbo/wo", "en": "mbo/hbo/wo programme"},
    "point_work": {"nl": "eerste baan", "en": "first job"},
    "fig_shares": {"nl": "Kiest techniek, per keuzemoment",
                   "en": "Choosing techniek, by decision point"},
    "share_choosing": {"nl": "kiest techniek (%)", "en": "choosing techniek (%)"},
    "fig_schools": {"nl": "Meisjes die techniek kiezen, per school (keuze in het vo)",
                    "en": "Girls choosing techniek, by school (choice in vo)"},
    "girls_choosing": {"nl": "meisjes die techniek kiezen (%)",
                       "en": "girls choosing techniek (%)"},
    "region": {"nl": "hele regio", "en": "whole region"},
    "fig_spread": {"nl": "Waar de scholen uitkomen, per run (stip = school)",
                   "en": "Where the schools end up, by run (dot = school)"},
    "spread_x": {"nl": "meisjes die techniek kiezen, gemiddelde laatste 3 jaar (%)",
                 "en": "girls choosing techniek, mean of the last 3 years (%)"},
    "spread_y": {"nl": "run", "en": "run"},
    "run_label": {"nl": "seed {seed}, jaar {year}", "en": "seed {seed}, year {year}"},
    "fig_flow": {"nl": "Van basisschool naar werk, per 100 kinderen (kansen van dit jaar)",
                 "en": "From primary school to work, per 100 children (this year's rates)"},
    "flow_y": {"nl": "kinderen (per 100)", "en": "children (per 100)"},
    "col_primary": {"nl": "basis-\nschool", "en": "primary\nschool"},
    "col_vo": {"nl": "keuze\nvo", "en": "choice\nin vo"},
    "col_post": {"nl": "mbo/\nhbo/wo", "en": "mbo/\nhbo/wo"},
    "col_work": {"nl": "eerste\nbaan", "en": "first\njob"},
    "tech": {"nl": "techniek", "en": "technical"},
    "other": {"nl": "anders", "en": "other"},
    "fig_urn": {"nl": "Pólya-urn: lock-in in zijn simpelste vorm",
                "en": "Pólya urn: lock-in in its simplest form"},
    "urn_x": {"nl": "getrokken ballen (aantal)", "en": "balls drawn (number)"},
    "urn_y": {"nl": "rode ballen in de urn (%)", "en": "red balls in the urn (%)"},
    "urn_text": {
        "nl": ("Tien urnen, elk met 1 rode en 1 blauwe bal. Trek een bal, leg hem terug met "
               "een extra bal van dezelfde kleur. Na een paar trekkingen ligt elke urn vast, "
               "maar elke urn ergens anders."),
        "en": ("Ten urns, each with 1 red and 1 blue ball. Draw a ball and put it back with "
               "one more of the same colour. After a few draws each urn is locked in, but "
               "each one somewhere else."),
    },
    "decision_point": {"nl": "keuzemoment", "en": "decision point"},
    "spread_schools": {"nl": "verschil tussen scholen, meisjes (hoogste - laagste, %-punt)",
                       "en": "difference between schools, girls (highest - lowest, %-points)"},
    # ------------------------------------------------------------------ crisis page
    "crisis_title": {"nl": "Crisis: wat een recessie doet met leerwerkplekken",
                     "en": "Crisis: what a recession does to apprenticeship places"},
    "crisis_intro": {
        "nl": (
            "Het volledige model van Nederland (één agent = 200 personen), van 2024 tot 2040. "
            "In **2026** begint een recessie. Elke grafiek toont het verloop **met** de "
            "recessie (doorgetrokken) en **zonder** (gestippeld), met hetzelfde toeval.\n\n"
            "**Probeer:** maak de recessie dieper of langer; zet daarna de twee "
            "overbruggingsregelingen aan.\n\n"
            "**Let op:** hoeveel leerwerkplekken verdwijnen er, hoeveel studenten zitten "
            "zonder plek, en is de technische beroepsbevolking in 2035-2040 terug op het "
            "niveau zonder recessie?"
        ),
        "en": (
            "The full model of the Netherlands (one agent = 200 persons), from 2024 to 2040. "
            "A recession starts in **2026**. Every plot shows the path **with** the recession "
            "(solid) and **without** it (dotted), with the same luck.\n\n"
            "**Try:** make the recession deeper or longer; then switch on the two bridging "
            "policies.\n\n"
            "**Look for:** how many apprenticeship places disappear, how many students are "
            "left without a place, and is the technical workforce back at its no-recession "
            "level by 2035-2040?"
        ),
    },
    "depth": {"nl": "Diepte van de recessie (output gap, % van het bbp-potentieel)",
              "en": "Recession depth (output gap, % of potential GDP)"},
    "length": {"nl": "Duur van de recessie (jaren)", "en": "Recession length (years)"},
    "prefinance": {"nl": "Overbrugging 1: overheid financiert leerwerkplekken voor",
                   "en": "Bridging 1: government pre-finances apprenticeship places"},
    "parttime_ww": {"nl": "Overbrugging 2: deeltijd-WW met verplichte scholing",
                    "en": "Bridging 2: part-time unemployment benefit with training"},
    "policy_inactive": {
        "nl": "Let op: deze versie van het model past de overbruggingsregelingen nog niet toe.",
        "en": "Note: this version of the model does not apply the bridging policies yet.",
    },
    "with_crisis": {"nl": "met recessie", "en": "with recession"},
    "without_crisis": {"nl": "zonder recessie", "en": "without recession"},
    "recession": {"nl": "recessie", "en": "recession"},
    "offered": {"nl": "aangeboden", "en": "offered"},
    "filled": {"nl": "bezet", "en": "filled"},
    "fig_places": {"nl": "BBL-leerwerkplekken: aangeboden en bezet",
                   "en": "BBL apprenticeship places: offered and filled"},
    "places_y": {"nl": "plekken (x 1.000)", "en": "places (thousands)"},
    "fig_without": {"nl": "BBL-studenten zonder leerwerkplek",
                    "en": "BBL students without an apprenticeship place"},
    "students_y": {"nl": "studenten (x 1.000)", "en": "students (thousands)"},
    "fig_workforce": {"nl": "Technische beroepsbevolking (werkenden in techniek)",
                      "en": "Technical workforce (people in technical work)"},
    "workers_y": {"nl": "werkenden (x 1.000)", "en": "workers (thousands)"},
    "fig_gap": {"nl": "De recessie: output gap", "en": "The recession: output gap"},
    "gap_y": {"nl": "% van het bbp-potentieel", "en": "% of potential GDP"},
    "metric": {"nl": "grootheid", "en": "measure"},
    "difference": {"nl": "verschil", "en": "difference"},
    "m_bbl_places_offered": {"nl": "BBL-plekken aangeboden", "en": "BBL places offered"},
    "m_bbl_places_filled": {"nl": "BBL-plekken bezet", "en": "BBL places filled"},
    "m_bbl_without_place": {"nl": "studenten zonder plek", "en": "students without a place"},
    "m_tech_workforce": {"nl": "technische beroepsbevolking", "en": "technical workforce"},
    "m_output_gap": {"nl": "output gap (%)", "en": "output gap (%)"},
}


def text(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The label `key` in language `lang` ("nl" or "en"), formatted with `values`."""
    entry = LABELS[key]
    s = entry.get(lang, entry[DEFAULT_LANGUAGE])
    return s.format(**values) if values else s


def fmt_pct(share: float, lang: str, digits: int = 1) -> str:
    """A 0-1 share as a percentage: 23,4% (nl) or 23.4% (en); '-' if missing."""
    if share is None or not math.isfinite(share):
        return "-"
    s = f"{100 * share:.{digits}f}%"
    return s.replace(".", ",") if lang == "nl" else s


def fmt_thousands(value: float, lang: str) -> str:
    """A count rounded to hundreds: 24.600 (nl) or 24,600 (en); '-' if missing."""
    if value is None or not math.isfinite(value):
        return "-"
    s = f"{round(value, -2):,.0f}"
    return s.replace(",", ".") if lang == "nl" else s

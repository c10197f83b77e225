"""Embedded public data: the initial 2013 stocks and the exogenous paths of the model.

Every constant names its source. "Seed L<n>" is `Techniekpact evaluation 2020, line n`
(SEO/Technopolis report 2020-49). Statistics come from `shared/facts/public_statistics.md`,
whose keys ([S4], [E8], ...) are kept here. Values marked ``memory`` in that file are used only
where no found value exists, and are labelled as such; values marked ``assumption`` are ours.
No data is downloaded at run time.
"""

from __future__ import annotations

import numpy as np

#: Mid-year population 2013 by 5-year band, thousands (males, females).
#: Source: OECD POP_PROJ NLD [S4], found. Band start age -> (males, females).
POP_2013_BANDS: dict[int, tuple[int, int]] = {
    0: (464, 441), 5: (483, 461), 10: (520, 496), 15: (509, 486), 20: (536, 524),
    25: (519, 511), 30: (505, 503), 35: (509, 512), 40: (627, 625), 45: (650, 639),
    50: (625, 620), 55: (562, 561), 60: (525, 523), 65: (478, 486),
}

#: Live births per calendar year. CBS 37422ned [S1], found (2021, 2023 via [S15]).
BIRTHS: dict[int, int] = {
    2000: 206_619, 2001: 202_603, 2002: 202_083, 2003: 200_297, 2004: 194_007,
    2005: 187_910, 2006: 185_057, 2007: 181_336, 2008: 184_634, 2009: 184_915,
    2010: 184_397, 2011: 180_060, 2012: 175_959, 2013: 171_341, 2014: 175_181,
    2015: 170_510, 2016: 172_520, 2017: 169_836, 2018: 168_525, 2019: 169_680,
    2020: 168_681, 2021: 179_000, 2022: 167_504, 2023: 164_000,
}
#: Births assumed for years after the last observed one (assumption: flat at the 2020-2023 mean).
BIRTHS_AFTER_LAST = 170_000
#: Share of boys among births. CBS 37201 2019 [S1], found.
SHARE_BOYS_AT_BIRTH = 0.512

#: Net international migration per year, persons. CBS 37259NED [S5] (2010, 2020, 2022 found;
#: 2013-2019 memory-labelled values in public_statistics.md 1.4). Later years: assumption.
NET_MIGRATION: dict[int, int] = {
    2013: 20_000, 2014: 32_000, 2015: 55_000, 2016: 87_000, 2017: 82_000, 2018: 86_000,
    2019: 108_000, 2020: 68_359, 2021: 110_000, 2022: 223_798, 2023: 140_000,
}
NET_MIGRATION_AFTER_LAST = 60_000
#: Gross emigration as a share of the resident population per year (CBS 37259NED 2010:
#: 121,351 / 16.57 million = 0.73%), derived.
EMIGRATION_RATE = 0.0073

#: Annual death probability per single age, men and women, ages 0..120. A Gompertz-Makeham
#: law fitted to the 2013 crude death rates by broad age (<65: 1.63, 65-80: 19.3, 80+: 108 per
#: 1,000, derived in public_statistics.md 1.3 from CBS 70895ned [S6] and [S4]); women's hazard
#: at 0.65 of men's (assumption consistent with a 3.7-year life-expectancy gap, CBS 37979ned).
_AGES = np.arange(121)
_MALE_QX = np.minimum(0.0002 + 0.00003 * np.exp(0.0935 * _AGES), 1.0)
MORTALITY_QX: dict[str, np.ndarray] = {"male": _MALE_QX, "female": np.minimum(_MALE_QX * 0.65, 1.0)}

#: Output gap, % of potential GDP, consensus of CPB / OECD EO / AMECO (memory-labelled in
#: public_statistics.md 5.2; the 2009 and 2020 troughs agree with CBS GDP growth of -3.7%
#: [M1][M2], found). Used as the historic path; later years follow an AR(1) process.
OUTPUT_GAP: dict[int, float] = {
    2005: -0.5, 2006: 0.5, 2007: 1.5, 2008: 2.0, 2009: -2.5, 2010: -1.8, 2011: -1.0,
    2012: -2.3, 2013: -3.0, 2014: -2.5, 2015: -1.7, 2016: -0.9, 2017: 0.3, 2018: 1.0,
    2019: 1.2, 2020: -3.0, 2021: 0.3, 2022: 1.7, 2023: 0.8,
}

#: Named shocks: output-gap paths relative to the shock's first year (% of potential).
#: recession_2009 follows the 2008-2014 history; covid_2020 the 2020-2022 history.
SHOCKS: dict[str, list[float]] = {
    "recession_2009": [-2.5, -1.8, -1.0, -2.3, -3.0, -2.5, -1.7, -0.9],
    "covid_2020": [-3.0, 0.3, 1.7],
}

#: The five Techniekpact landsdelen. Population shares: provincial populations 2013 grouped
#: into landsdelen (CBS 37230ned, memory; Noord = Gr+Fr+Dr, Oost = Ov+Gld+Fl, Zuidoost =
#: Limburg + Oost-Brabant, Zuidwest = Zeeland + West/Midden-Brabant + Zuid-Holland, Noordwest =
#: Noord-Holland + Utrecht). Metropolitan flag: assumption.
REGIONS: tuple[str, ...] = ("Noord", "Oost", "Zuidoost", "Zuidwest", "Noordwest")
REGION_SHARES = np.array([0.102, 0.212, 0.135, 0.275, 0.276])
REGION_METRO = np.array([False, False, False, True, True])

#: Share of residents with a migration background among young people (CBS 2013, memory:
#: about 25% of under-20s have a migration background, ~15% non-western). Used for the
#: non-western group that the report singles out (seed L91, L592).
MIGRANT_SHARE_YOUNG = 0.15

#: Tracks in secondary education and their share of a cohort at age 12. Derived from VHTO
#: counts 2013/14 [E6][E7] (vmbo upper years 164,179 over two years; 4-havo 59,661;
#: 4-vwo 41,678) against a birth cohort of ~200,000, and CBS 82926NED [E4] leerweg split;
#: praktijkonderwijs ~3% (CBS 80041ned [E2]).
VO_TRACKS: tuple[str, ...] = ("pro", "vmbo_b", "vmbo_k", "vmbo_gt", "havo", "vwo")
VO_TRACK_SHARES = np.array([0.03, 0.09, 0.12, 0.21, 0.30, 0.25])
#: Years in secondary school per track (entering at age 12).
VO_TRACK_YEARS = np.array([5, 4, 4, 4, 5, 6])

#: Employment 2013: unemployment 7.3% [L1] (found), technical occupations 1,395,000 [L12]
#: (found, 2013-2019 method). Enrolment and employment levels are calibration targets
#: (calibration/targets.csv), not inputs.
UNEMPLOYMENT_RATE_2013 = 0.073
TECH_WORKFORCE_2013 = 1_395_000
#: Open vacancies in technical occupations, early 2011 ~20,500 and end 2016 ~24,000 (UWV via
#: Monitor Techniekpact [L13], found). 2013 taken as 20,000 (derived: trough of the cycle).
TECH_VACANCIES_2013 = 20_000

#: Sectors of employment for technicians, with the share of technical jobs in each (assumption
#: built from CBS 81111ned [L17]: manufacturing ~0.8 million jobs, construction ~0.45 million,
#: ICT ~0.4 million; technicians also work for non-technical employers, seed L61, L250) and
#: each sector's sensitivity to the aggregate output gap (assumption: industry is more
#: cyclical than services, DESIGN 4.5).
SECTORS: tuple[str, ...] = ("industry", "construction", "tech_services", "other")
SECTOR_TECH_SHARE = np.array([0.35, 0.25, 0.20, 0.20])
SECTOR_CYCLE_BETA = np.array([1.8, 1.5, 0.8, 0.6])


def births_in(year: int) -> int:
    """Live births in a calendar year (persons); flat assumption after the last observed year."""
    return BIRTHS.get(year, BIRTHS_AFTER_LAST if year > max(BIRTHS) else BIRTHS[min(BIRTHS)])


def net_migration_in(year: int) -> int:
    """Net international migration in a calendar year (persons)."""
    if year in NET_MIGRATION:
        return NET_MIGRATION[year]
    if year > max(NET_MIGRATION):
        return NET_MIGRATION_AFTER_LAST
    return NET_MIGRATION[min(NET_MIGRATION)]


#: Live births before 2000 found in CBS 37422ned [S1] (public_statistics.md 1.2): the cohorts
#: that were aged 14-23 in 2013. Years in between are interpolated linearly and 1989 is taken
#: as 1990 (assumption).
BIRTHS_BEFORE_2000: dict[int, int] = {1990: 197_965, 1995: 190_513, 1998: 199_408,
                                      1999: 200_445}


def births_profile(year: int) -> float:
    """Live births in `year` for the profile of ages within a 2013 band: `BIRTHS` and
    `BIRTHS_BEFORE_2000`, linear in between, flat before 1990 (assumption)."""
    known = {**BIRTHS_BEFORE_2000, **BIRTHS}
    years = np.array(sorted(known))
    return float(np.interp(year, years, [known[y] for y in years]))


def population_2013_single_ages(max_age: int = 67) -> tuple[np.ndarray, np.ndarray]:
    """Mid-2013 population by single age 0..max_age, persons, for (males, females).

    Each 5-year band of `POP_2013_BANDS` keeps its total. Within a band whose ages were born
    in 1989 or later (ages 0-24), the single ages are in proportion to their births
    (`births_profile`, birth year 2013 - age): the cohorts born 1994-2001, who enter higher
    education in 2013-2019, grew by ~6% (190,513 births in 1995, 206,619 in 2000 [S1]), which
    an even spread would hide. Older bands are spread evenly (no births data).
    """
    males = np.zeros(max_age + 1)
    females = np.zeros(max_age + 1)
    for start, (m, f) in POP_2013_BANDS.items():
        ages = np.arange(start, min(start + 5, max_age + 1))
        if len(ages) == 0:
            continue
        if start + 4 <= 2013 - 1989:
            w = np.array([births_profile(2013 - a) for a in range(start, start + 5)])
            w = w / w.sum()
        else:
            w = np.full(5, 0.2)
        males[ages] = m * 1000 * w[: len(ages)]
        females[ages] = f * 1000 * w[: len(ages)]
    return males, females


#: Beta-technical share of higher-education entrants (hbo and wo) by school year (2007 =
#: 2007/08): 21% (2007/08), 23% (2010/11-2011/12), 29% (2015/16-2018/19). Monitor Techniekpact
#: HE [E16], found; years in between interpolated linearly (assumption).
HE_TECH_ENTRY_SHARE: dict[int, float] = {2007: 0.21, 2010: 0.23, 2011: 0.23, 2015: 0.29,
                                         2018: 0.29}


def he_tech_entry_trend(year: int | np.ndarray, ref_year: int = 2013) -> np.ndarray:
    """The beta-technical share of HE entrants in school year `year` relative to `ref_year`
    (`HE_TECH_ENTRY_SHARE`, linear in between, flat outside the observed years)."""
    years = np.array(sorted(HE_TECH_ENTRY_SHARE))
    shares = np.array([HE_TECH_ENTRY_SHARE[y] for y in years])
    return np.interp(year, years, shares) / np.interp(ref_year, years, shares)


#: International degree students entering Dutch higher education per school year, persons:
#: (hbo associate degree + bachelor + master, wo bachelor, wo master). OCW in cijfers,
#: "Inkomende internationale mobiliteit", table "Internationale diplomainstromers in Nederland
#: in het ho" (DUO 1cijferHO; x 1,000, found): students without Dutch nationality and without
#: prior Dutch education who come for a whole degree. The stocks in the same source are
#: hbo 26,100 / wo 30,000 (2013) and hbo 29,900 / wo 61,600 (2019).
#: https://www.ocwincijfers.nl/sectoren/hoger-onderwijs/kwaliteit/internationalisering/inkomende-internationale-mobiliteit
INTERNATIONAL_ENTRANTS: dict[int, tuple[int, int, int]] = {
    2011: (8_700, 4_800, 7_700), 2012: (8_500, 5_100, 8_400), 2013: (7_900, 5_300, 8_900),
    2014: (7_500, 5_800, 9_600), 2015: (7_800, 6_800, 11_400), 2016: (7_900, 8_600, 12_500),
    2017: (8_900, 10_400, 13_300), 2018: (9_100, 12_900, 14_200),
    2019: (10_000, 13_700, 14_800), 2020: (9_700, 15_300, 16_400),
    2021: (10_800, 18_400, 18_800), 2022: (11_700, 19_000, 17_100),
    2023: (12_100, 18_700, 17_800),
}
#: Years enrolled per international programme kind (hbo, wo bachelor, wo master): stock over
#: yearly inflow in the source above (hbo 26.1/7.9; wo bachelor 14.2/5.3 in 2013 and
#: 34.6/13.7 in 2019 while growing; wo master 15.8/8.9 and 27.0/14.8), rounded (derived).
INTERNATIONAL_YEARS = np.array([3, 3, 2])


def international_entrants(year: int) -> np.ndarray:
    """International degree entrants (hbo, wo bachelor, wo master), persons, in a school year;
    the first observed year before 2011 and flat at the last observed year after 2023
    (assumption)."""
    first, last = min(INTERNATIONAL_ENTRANTS), max(INTERNATIONAL_ENTRANTS)
    return np.array(INTERNATIONAL_ENTRANTS[min(max(year, first), last)], dtype=float)

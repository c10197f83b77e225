"""Every parameter of the model in one place, with unit, allowed range and source.

A scenario file overrides any of these by name (``[parameters]`` table); unknown names and
values out of range are rejected by pydantic. "Seed L<n>" is `Techniekpact evaluation 2020,
line n`; `[E8]` etc. are keys of `shared/facts/public_statistics.md`; "assumption" marks a value
we chose and that calibration (issue 3) may move.

Choice intercepts are not parameters: they are solved at start-up so that a reference 2013
cohort under reference conditions reproduces the ``ref_*`` shares below (alternative-specific
constants, as in discrete-choice microsimulation). The behavioural slopes (``beta_*``) then say
how choices respond when exposure, peers, prospects or quality move away from the reference.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator


def _f(default: float, lo: float, hi: float, doc: str) -> float:
    """A float field with bounds; `doc` states unit and source."""
    return Field(default, ge=lo, le=hi, description=doc)


class Parameters(BaseModel):
    """All model parameters (units and sources in each field's description)."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    # --- time and scale ----------------------------------------------------------------------
    start_year: int = Field(2013, ge=2008, le=2030, description="first simulated school year")
    end_year: int = Field(2040, ge=2009, le=2100, description="last simulated school year")
    scale: float = Field(100.0, ge=1.0, le=100_000.0, description="real persons per agent")

    # --- mechanism switches (DESIGN section 4) -------------------------------------------------
    interest_formation: bool = Field(True, description="M1: exposure and track experience shape interest")
    gender_effects: bool = Field(True, description="M2: stereotype penalty, peers and role models by gender")
    peer_effects: bool = Field(True, description="M2: same-gender peer share at school enters choices")
    myopic_expectations: bool = Field(True, description="M3: pupils read today's labour market")
    cyclical_places: bool = Field(True, description="M4: places offered follow the sector's output gap")
    place_scarcity: bool = Field(True, description="M4: BBL needs a place, BOL needs an internship")
    business_cycle: bool = Field(True, description="M5: output-gap path; off = gap fixed at zero")
    labour_market: bool = Field(True, description="M6: layoffs, matching, skill loss; off = all hired")
    teachers: bool = Field(True, description="M7: technical-teacher shortage lowers school quality")

    # --- interest formation (M1) ---------------------------------------------------------------
    early_exposure: float = _f(0.5, 0.0, 1.0, "intensity of primary W&T (0 none, 1 all schools "
                               "fully); seed L248, L269, L639; 2013 level assumption")
    exposure_effect: float = _f(0.6, 0.0, 3.0, "interest (sd units) per unit of full primary "
                                "exposure relative to the 2013 level; assumption")
    parent_effect: float = _f(0.4, 0.0, 2.0, "interest (sd) if a parent works in techniek; assumption")
    reinforcement: float = _f(0.15, 0.0, 1.0, "interest gain (sd/year) in a technical track "
                              "times school quality: increasing returns, seed L269; assumption")
    decay: float = _f(0.10, 0.0, 1.0, "yearly pull of interest back to taste outside techniek; assumption")

    # --- choices (M1-M3) -------------------------------------------------------------------------
    beta_interest: float = _f(1.2, 0.0, 5.0, "logit slope on interest (per sd); assumption")
    beta_path: float = _f(1.6, 0.0, 6.0, "logit bonus for staying technical = switching cost "
                          "into techniek; seed L657 (technical follow-on 1/3 vs 2/3); assumption")
    beta_peer: float = _f(1.5, 0.0, 10.0, "logit per unit same-gender peer share at school "
                          "(critical mass); seed L594, L639; assumption")
    beta_role_model: float = _f(2.0, 0.0, 20.0, "girls' logit per unit share of women among "
                                "technical workers in the region; seed L329; assumption")
    girls_outreach: float = _f(0.0, 0.0, 0.5, "extra women's share among technicians that girls "
                               "in havo/vwo see at their profile choice through VHTO's role models "
                               "and girls' days, expanded with the Pact from 2013 to full strength "
                               "in 2016 (seed L653; the rise stagnates after, L594); free in the "
                               "fit, pinned by girls' vwo N-profile rise 2013-18")
    beta_quality: float = _f(1.0, 0.0, 5.0, "logit per unit school quality (0-1) above reference; "
                             "seed L267-271; free in the fit, pinned by the all-havo N-profile "
                             "share's fall 2014-19")
    beta_prospect: float = _f(0.3, 0.0, 5.0, "logit per unit expected tightness signal; "
                              "seed L105; assumption")
    beta_prospect_mbo: float = _f(0.3, 0.0, 5.0, "extra logit per unit prospect signal at the "
                                  "mbo field choice (entrants from vo, switchers, adults): "
                                  "vocational students choose close to the labour market (BBL "
                                  "needs a job; kiesmbo.nl shows each programme's prospects, "
                                  "seed L1021-1023), and the technical share of mbo entrants "
                                  "fell from 29% (2007/08) to 27% (2011/12) in the slump [E15]; "
                                  "free in the fit, pinned by that share in 2019/20 (28%)")
    information_quality: float = _f(0.0, 0.0, 1.0, "weight on objective long-run prospects "
                                    "(0 myopic, 1 fully informed); seed L105, L349")
    stereotype: float = _f(1.0, 0.0, 3.0, "multiplier on girls' stereotype gap (1 = 2013 level); "
                           "seed L250, L603")
    migrant_penalty: float = _f(0.3, 0.0, 3.0, "logit penalty for pupils with a migration "
                                "background; seed L91, L592; assumption")
    wiskunde_b_required: bool = Field(True, description="technical wo requires wiskunde B (eligibility)")

    # reference 2013 shares the intercepts are solved for
    ref_vmbo_bk_boys: float = _f(0.40, 0.01, 0.99, "vmbo basis/kader boys in techniek 2012/13; [E8] 35% b/k/g")
    ref_vmbo_bk_girls: float = _f(0.04, 0.001, 0.99, "vmbo b/k girls in techniek; [E6] 2-5%, seed L244")
    ref_vmbo_gt_boys: float = _f(0.30, 0.01, 0.99, "vmbo gemengd/theoretisch boys technical; assumption")
    ref_vmbo_gt_girls: float = _f(0.03, 0.001, 0.99, "vmbo g/t girls technical; seed L244 (2-3%)")
    ref_havo_boys: float = _f(0.46, 0.01, 0.99, "havo boys with N-profile 2013/14; [E8]")
    ref_havo_girls: float = _f(0.35, 0.01, 0.99, "havo girls with N-profile 2013/14; [E8]")
    ref_vwo_boys: float = _f(0.64, 0.01, 0.99, "vwo boys with N-profile 2013/14; [E8]")
    ref_vwo_girls: float = _f(0.56, 0.01, 0.99, "vwo girls with N-profile 2013/14: havo+vwo girls 44% less havo girls 35%, weighted by VHTO counts [E7][E8] (as target vwo_female_2013)")
    ref_mbo_men: float = _f(0.44, 0.01, 0.99, "men entering technical mbo 2012/13; [E15]")
    ref_mbo_women: float = _f(0.07, 0.001, 0.99, "women entering technical mbo 2012/13; [E15]")
    ref_hbo_men: float = _f(0.34, 0.01, 0.99, "men entering technical hbo ~2013/14; [E16]")
    ref_hbo_women: float = _f(0.09, 0.001, 0.99, "women entering technical hbo ~2013/14; [E16]")
    ref_wo_men: float = _f(0.44, 0.01, 0.99, "men entering technical wo ~2013/14; [E16]")
    ref_wo_women: float = _f(0.25, 0.001, 0.99, "women entering technical wo ~2013/14; [E16]")
    nt_share_of_n_boys: float = _f(0.65, 0.0, 1.0, "boys' NT among N-profiles (wiskunde B); [E7] 2015/16")
    nt_share_of_n_girls: float = _f(0.35, 0.0, 1.0, "girls' NT among N-profiles; [E7] 2015/16")
    wisb_share_ng: float = _f(0.5, 0.0, 1.0, "NG pupils taking wiskunde B; assumption")
    wisb_share_non_n: float = _f(0.15, 0.0, 1.0, "EM/CM pupils taking wiskunde B; assumption")

    # --- transitions in education -------------------------------------------------------------
    bbl_share_tech: float = _f(0.20, 0.0, 1.0, "share of technical school leavers entering mbo "
                               "who choose BBL (twice the non-technical share, assumption); with "
                               "bbl_share_nontech set so that BBL students under 25 are ~53,000 "
                               "in 2013: BBL 120,700 [E13] less ~68,000 aged 25+ (mbo students "
                               "25+ ~86,000, OCW LLO in cijfers/DUO, less ~5% of BOL, CBS 2008) "
                               "(derived)")
    bbl_share_nontech: float = _f(0.10, 0.0, 1.0, "share of non-technical school leavers entering "
                                  "mbo who choose BBL; see bbl_share_tech (derived)")
    mbo4_to_hbo: float = _f(0.45, 0.0, 1.0, "mbo-4 graduates continuing to hbo: 47% (2013, "
                            "2014) and 40% (2015) of mbo-4 graduates (CBS 2016 via MBO Today; "
                            "found)")
    havo_to_hbo: float = _f(0.80, 0.0, 1.0, "havo graduates entering hbo (rest mbo-4); assumption")
    vwo_to_wo: float = _f(0.75, 0.0, 1.0, "vwo graduates entering wo (rest hbo); assumption")
    wo_entry_trend: float = _f(0.0, 0.0, 0.04, "yearly rise of `vwo_to_wo` from the start "
                               "year to `he_entry_trend_until`: domestic wo students grew from "
                               "~220,000 (2013) to ~244,000 (2019): all wo students [E12] less "
                               "the international ones (30,000 and 61,600, OCW in cijfers); "
                               "free in the fit, pinned by the wo students of 2016 [E12]")
    hbo_entry_trend: float = _f(0.0, 0.0, 0.04, "yearly rise of `havo_to_hbo` from the start "
                                "year to `he_entry_trend_until`: domestic hbo students grew "
                                "too (~414,000 in 2013 to ~433,000 in 2019: all hbo students "
                                "[E12] less the international ones), and a rising wo entry of "
                                "vwo graduates alone takes them from hbo; the trend stands for "
                                "the rises the sources do not separate (havo graduates going "
                                "on, Associate degrees, longer stays); free in the fit, pinned "
                                "by the hbo students of 2016 [E12]")
    he_entry_trend_until: int = Field(2020, ge=2013, le=2100, description="last year of "
                                      "`wo_entry_trend` and `hbo_entry_trend`: all wo students "
                                      "have been flat since 2021 (331,505 in 2020 to 341,800 "
                                      "in 2023 [E12]) while international ones kept coming; hbo "
                                      "students jumped in 2020 (pandemic) and fell from 2022")
    hbo_years: int = Field(5, ge=3, le=8, description="years enrolled in a regular hbo bachelor to graduation: nominal 4 plus average delay and switching; regular (domestic full-time) stock ~375,000 (440,293 [E12] less ~26,000 international and ~40,000-50,000 part-time students) / ~85,000 domestic entrants a year = 4.4 years enrolled per entrant at 6% yearly drop-out (derived)")
    wo_years: int = Field(6, ge=3, le=9, description="years enrolled in wo (bachelor and master) to graduation: nominal 4-5 plus delay; domestic stock ~215,000 (250,186 [E12] less ~30,000 international students and ~10,000 hbo graduates in a master) / ~37,000 domestic entrants = 5.8, i.e. 6 years at 2.2% yearly drop-out (derived)")
    mbo_dropout: float = _f(0.05, 0.0, 0.5, "yearly early-leaving rate in mbo; vsv 5.7% [E20]")
    he_dropout: float = _f(0.06, 0.0, 0.5, "yearly drop-out rate in hbo (wo: wo_dropout); [E19] "
                           "cohort 2010: 64% of hbo starters with a diploma after 8 years (derived)")

    # --- further inflows into mbo, hbo and wo (issue 3; docs/decisions.md section 'Enrolment') --
    mbo_switch: float = _f(0.125, 0.0, 0.5, "share of BOL students who switch programme after "
                           "their first year and start again: 12.5% of mbo students switched "
                           "domain in 2013/14 (Onderwijs in cijfers, thema-analyse Switchen in "
                           "het mbo, hbo en wo, 2015; found); free in the fit, pinned by "
                           "pupils_mbo_2013 [E13]")
    mbo_next_level_2: float = _f(0.60, 0.0, 1.0, "share of mbo-2 graduates who go on to a "
                                 "level-3 programme (stapelen): ~60% (CBS 2016 via MBO Today, "
                                 "'Stapelen blijft populair'; found)")
    mbo_next_level_3: float = _f(0.40, 0.0, 1.0, "share of mbo-3 graduates who go on to a "
                                 "level-4 programme: 'more than 40%' of level-3/4 graduates "
                                 "study on (CBS 2016 via MBO Today; found, lower bound)")
    adult_bbl_entry: float = _f(0.013, 0.0, 0.05, "yearly share of adults aged 20-49 without "
                                "higher education, in non-technical work or unemployed, who "
                                "start a BBL programme (technical ones need a leerwerkplek); "
                                "default: ~20,000-24,000 mbo entrants aged 27+ a year (2019/20 "
                                "~24,000, 2020/21 20,400; OCW LLO in cijfers, DUO) from ~2 "
                                "million eligible adults (derived); free in the fit, pinned by "
                                "pupils_bbl_2013 [E13] and mbo_tech_entrants_2014 [E15]")
    parttime_hbo_entry: float = _f(0.011, 0.0, 0.05, "yearly share of adults aged 23-45 with "
                                   "havo/vwo or mbo-4, in non-technical work, who start a "
                                   "part-time hbo bachelor; default: 8,190 part-time hbo "
                                   "diplomas 2012/13 [E18] / 0.94^5 completion = ~11,000 entrants "
                                   "from ~1 million eligible (derived); free in the fit, pinned by "
                                   "pupils_hbo_2013 [E12]")
    wo_dropout: float = _f(0.022, 0.0, 0.5, "yearly drop-out rate in wo: 1 - 0.876^(1/6), from "
                           "87.6% of wo starters (cohort 2010) with a diploma after 8 years "
                           "[E19] (derived)")
    hbo_to_wo_master: float = _f(0.09, 0.0, 1.0, "share of hbo bachelor graduates who go on to a "
                                 "wo master (after a pre-master): 5,000-6,000 a year (DUO via "
                                 "HOP 2025) of ~60,000 hbo bachelor diplomas [E18]; 12.5% in 2003 "
                                 "and ~30% fewer by 2017 (Inspectie 2019) (derived)")
    wo_master_years: int = Field(2, ge=1, le=4, description="years enrolled in wo for hbo "
                                 "graduates: pre-master (schakelprogramma) plus a 1-year master; "
                                 "assumption")
    international_students: bool = Field(True, description="international degree students "
                                         "enter hbo and wo each year (simulation.data."
                                         "INTERNATIONAL_ENTRANTS); off = domestic students only")
    intl_stay: float = _f(0.25, 0.0, 1.0, "share of non-technical international graduates who "
                          "stay to work: CBS 2023, ~20% of international wo-master graduates "
                          "2011/12-2017/18 and 32% of 2018/19 working in NL a year later, hbo "
                          "bachelors 12% -> 23%; Nuffic: 25-30% after five years (derived)")
    intl_stay_tech: float = _f(0.40, 0.0, 1.0, "share of technical international graduates who "
                               "stay to work: CBS 2023, techniek/industrie/bouwkunde 37.7% -> 45%; "
                               "about twice the other fields, seed L826 (derived)")

    # --- leerwerkplekken (M4) ------------------------------------------------------------------
    places_per_tech_worker: float = _f(0.034, 0.0, 0.5, "BBL places per technical worker at a zero "
                                       "output gap; chosen so 2013 places ~ BBL demand (technical "
                                       "BBL students, young and adult, ~35,000 at start-up); "
                                       "assumption")
    internships_per_tech_worker: float = _f(0.027, 0.0, 0.5, "BOL internships per technical "
                                            "worker at zero gap; chosen so 2013 internships ~ "
                                            "technical BOL finalists (every level's diploma "
                                            "needs one); assumption")
    places_gap_elasticity: float = _f(0.08, 0.0, 0.5, "relative change in places per point of "
                                      "sector output gap (and in non-technical and adult BBL "
                                      "starts per point of last year's gap); seed L856 ('erg "
                                      "gering' in recession); free in the fit, pinned by BBL's "
                                      "fall to 95,700 in 2015 [E13]")
    places_tightness_effect: float = _f(0.15, 0.0, 1.0, "recruitment value of a trainee per log "
                                        "point of relative tightness; seed L854-856")
    bbl_retention: float = _f(0.80, 0.0, 1.0, "BBL graduates staying with their employer; seed L854")
    training_subsidy: float = _f(0.30, 0.0, 1.0, "share of a place's net cost paid by the "
                                 "praktijkleren subsidy; seed L854-856; assumption")
    n_firms_per_cell: int = Field(5, ge=1, le=200, description="Firm agents per region x "
                                  "sector x size class (model resolution, not data)")
    firm_cost_spread: float = _f(0.35, 0.01, 2.0, "spread of firms' net training cost (logit scale); "
                                 "set so ~25% of firms cut places without subsidy, seed L856")
    sme_cost_premium: float = _f(0.15, 0.0, 1.0, "SMEs' net training cost above average (large firms the same below); seed L690-699, L876; assumption")
    firm_cost_sd: float = _f(0.3, 0.0, 2.0, "sd of log net training cost across firm groups; assumption")
    sme_share: float = _f(0.6, 0.0, 1.0, "SMEs' share of technical employment in a cell; assumption (CBS: most technicians work in SMEs, seed L690)")
    max_wait_years: int = Field(2, ge=0, le=5, description="years a BBL applicant may wait for a place before switching or dropping out; assumption")
    no_place_wait: float = _f(0.45, 0.0, 1.0, "share of BBL applicants without a place who wait a year; assumption")
    no_place_switch: float = _f(0.35, 0.0, 1.0, "share who switch to BOL (others drop out); seed L181; assumption")
    no_internship_dropout: float = _f(0.25, 0.0, 1.0, "share of BOL finalists without internship "
                                      "who drop out (others stall a year); assumption")
    bbl_lose_place: float = _f(0.5, 0.0, 1.0, "share of a firm's cut in places that hits "
                               "continuing BBL students; assumption")

    # --- business cycle (M5) -------------------------------------------------------------------
    gap_persistence: float = _f(0.6, 0.0, 0.99, "AR(1) coefficient of the output gap after the "
                                "historic path; assumption (CPB)")
    gap_sd: float = _f(1.2, 0.0, 5.0, "sd of yearly output-gap innovations, % points; assumption")

    # --- labour market (M6) --------------------------------------------------------------------
    expansion_demand: float = _f(0.011, -0.05, 0.1, "yearly growth of technical labour demand "
                                 "up to `expansion_break`; default ROA 2019 expansion demand "
                                 "1.1% (mbo-4, all fields) [L20]; free in the fit, pinned by "
                                 "the technical workforce's growth 2013-18 [L12]")
    expansion_break: int = Field(2018, ge=2000, le=2100, description="last year of "
                                 "`expansion_demand`; `expansion_demand_late` applies from the "
                                 "year after it up to `expansion_until`. 2018 is the last year "
                                 "of the 2013-2018 count of technical occupations [L12]; "
                                 "employment grew ~1.8% a year in 2013-18 and ~3% a year in "
                                 "2018-21 [L12][L16]")
    expansion_demand_late: float = _f(0.011, -0.05, 0.1, "yearly growth of technical labour "
                                      "demand after `expansion_break` up to `expansion_until`; "
                                      "default as `expansion_demand`; free in the fit, pinned "
                                      "by the technical workforce's growth 2013-21 given its "
                                      "growth 2013-18 [L12][L16]")
    expansion_until: int = Field(2023, ge=2000, le=2100, description="last year of "
                                 "`expansion_demand_late`: the last year the fit targets observe "
                                 "(technical vacancies, Q4 2023); later years grow at "
                                 "`expansion_demand_after`")
    expansion_demand_after: float = _f(0.011, -0.05, 0.1, "yearly growth of technical labour "
                                       "demand after `expansion_until`: ROA's forecast of "
                                       "expansion demand, 1.1% a year (2019-2024, mbo-4, all "
                                       "fields) [L20]. The fitted trend before it includes the "
                                       "recovery from the 2013 trough and is not projected")

    @field_validator("expansion_until")
    @classmethod
    def _until_not_before_break(cls, until: int, info: ValidationInfo) -> int:
        """The late trend runs from `expansion_break` to `expansion_until`, so the second may
        not come before the first."""
        brk = info.data.get("expansion_break")
        if brk is not None and until < brk:
            raise ValueError(f"must not be before expansion_break ({brk}): the late demand "
                             f"trend runs from expansion_break to expansion_until")
        return until

    demand_gap_elasticity: float = _f(0.008, 0.0, 0.1, "relative technical demand per point of "
                                      "sector output gap: industry jobs fell ~5% in 2009-10 at an "
                                      "industry gap of ~-6 (CBS banen, from memory, unverified); "
                                      "assumption")
    matching_efficiency: float = _f(0.8, 0.05, 1.0, "share of min(vacancies, seekers) filled in a "
                                    "year within a region; assumption")
    metro_pull: float = _f(0.3, 0.0, 1.0, "share of unmatched seekers willing to move to a "
                           "metropolitan region; seed L101, L758")
    leak_to_nontech: float = _f(0.12, 0.0, 1.0, "technical graduates taking non-technical jobs; "
                                "seed L61, L250, L795")
    leak_female_extra: float = _f(0.55, 0.0, 1.0, "share of a technically qualified woman's "
                                  "chance to stay in techniek at graduation that she loses "
                                  "against a man's: women stay at 0.45 times men's rate, the "
                                  "ratio at which the 2013 technical occupations are drawn "
                                  "(population.TECH_WORK_WEIGHT), so that graduates keep the "
                                  "start year's gender pattern; seed L250 (women see techniek "
                                  "as less obvious); assumption")
    leak_higher_ed_extra: float = _f(0.15, 0.0, 1.0, "extra leakage for hbo/wo graduates; seed L795")
    reference_tightness: float = _f(0.9, 0.01, 10.0, "technical vacancies left open per job "
                                    "seeker in the year's technical matching (unemployed "
                                    "technicians, retraining unemployed and technically "
                                    "qualified workers searching from other jobs) in a normal "
                                    "year: the "
                                    "zero point of pupils' prospect signal, firms' recruitment "
                                    "value and the search pull: the model's own tightness in "
                                    "normal years (|output gap| <= 0.5: 2017 and 2021), derived "
                                    "by `calibrate` for the fitted parameters "
                                    "(calibration/fit.py, derived_reference); 0.9 is the first "
                                    "round's start. Not UWV's indicator, which divides by "
                                    "short-term WW claimants")
    prospect_weight: float = _f(0.5, 0.0, 5.0, "prospect signal per log point of relative tightness (two-year mean); assumption")
    prospect_cap: float = _f(0.75, 0.0, 5.0, "largest absolute myopic prospect signal; assumption")
    search_pull_cap: float = _f(3.0, 1.0, 10.0, "largest multiple of retraining and zij-instroom search when the market is tight; assumption")
    long_run_prospect: float = _f(0.3, -2.0, 2.0, "objective long-run prospect signal for techniek "
                                  "(log relative tightness; ROA forecasts of good prospects, seed "
                                  "L105, L250: ageing); assumption")
    retraining: float = _f(0.01, 0.0, 1.0, "share of non-technical unemployed seeking technical "
                           "work each year (retraining toward shortages); assumption")
    zij_instroom: float = _f(0.02, 0.0, 0.2, "yearly share of technically qualified workers in "
                             "non-technical jobs who seek technical work at reference tightness "
                             "(scales with relative tightness, at most x3); seed L250")
    max_vacancy_rate: float = _f(0.10, 0.0, 1.0, "technical vacancies left open after the "
                                 "year's matching at most this share of employment (unfillable "
                                 "ones are withdrawn; hiring is not capped); CBS vacancy rate "
                                 "peaks ~9% in ICT 2022 [L11]")
    tech_labour_migration: float = _f(0.0, 0.0, 1.0, "share of the technical vacancies left "
                                      "open after domestic matching that firms fill in the year "
                                      "with labour migrants (EU and knowledge migrants, arriving "
                                      "with a job); free in the fit, pinned by CBS's ~58,000 "
                                      "labour migrants of 2018 (a third assumed technical, "
                                      "tech_labour_migrants_2018) against the technical "
                                      "workforce's growth (tech_workforce_growth_2013_2018 "
                                      "[L12])")
    vacancy_duration: float = _f(0.1, 0.0, 0.5, "mean time a technical vacancy is open "
                                 "before it is filled, in years, at an unemployment rate of "
                                 "7.3% (2013 [L1]): with the year's technical hires it gives "
                                 "the point-in-time stock UWV counts (`metrics."
                                 "measured_vacancies`); free in the fit, pinned by UWV's "
                                 "technical vacancies 2013 and 2016 [L13]")
    vacancy_duration_elasticity: float = _f(2.0, 0.0, 4.0, "elasticity of that duration to "
                                            "the unemployment rate (vacancies take longer to "
                                            "fill in a tight market); economy-wide, vacancies "
                                            "rose from 95,000 (2013 average [L9]) to ~167,000 "
                                            "(end 2016 [L11]) while unemployment fell from "
                                            "7.3% [L1] to ~6%: ~2.8 (derived); free in the "
                                            "fit, pinned by the same two counts")
    inactivity_entry: float = _f(0.01, 0.0, 0.2, "yearly outflow of the labour force to inactivity; assumption")
    inactivity_exit: float = _f(0.04, 0.0, 0.5, "yearly return of the inactive to job search; assumption")
    quit_cycle: float = _f(0.1, 0.0, 1.0, "relative change in quits per point of output gap (more quits in a boom); assumption")
    quit_rate: float = _f(0.012, 0.0, 0.3, "yearly outflow from technical work to other work at "
                          "tightness 1; seed L250 (zij-uitstroom)")
    min_skill: float = _f(0.3, 0.0, 1.0, "skill floor after long unemployment; assumption")
    skill_loss: float = _f(0.10, 0.0, 1.0, "skill lost per year unemployed; seed L61, L1017")
    lifelong_learning: float = _f(0.20, 0.0, 1.0, "yearly LLO participation of technical workers "
                                  "(restores skill); seed L1019; assumption")
    llo_skill_gain: float = _f(0.10, 0.0, 1.0, "skill restored per LLO year; assumption")
    leave_tech_if_unemployed: float = _f(0.25, 0.0, 1.0, "yearly chance an unemployed technician "
                                         "takes non-technical work; seed L181")
    early_retirement: float = _f(0.04, 0.0, 0.5, "yearly retirement hazard age 60-66; assumption")
    retirement_age: int = Field(67, ge=60, le=75, description="statutory (AOW) retirement age, years")
    participation: float = _f(0.80, 0.3, 1.0, "labour-force participation of adults not in school; CBS 2013")
    nontech_job_finding: float = _f(0.85, 0.0, 1.0, "yearly job-finding rate, non-technical, at zero gap; default: where the fit starts; free in the fit")
    nontech_separation: float = _f(0.03, 0.0, 0.5, "yearly job-loss rate, non-technical, at zero gap; assumption")
    okun: float = _f(0.07, 0.0, 0.5, "relative change in job finding per point of output gap; default: where the fit starts; free in the fit")
    tech_layoff_cycle: float = _f(0.0024, 0.0, 0.05, "technicians' extra yearly job loss per point of negative sector output gap, on top of the frictional rate: industry at -7 adds ~1.7 points, i.e. doubles the frictional rate of 0.017 fitted before November 2026 (the earlier assumption, now additive); assumption")
    tech_separation: float = _f(0.02, 0.0, 0.3, "yearly frictional job loss of technicians into unemployment at zero gap (closures, contracts ending; they stay technicians and search); falls in a boom like nontech_separation; assumption")

    # --- policy costs (issue 4; docs/roles.md) --------------------------------------------------
    place_net_cost: float = _f(9000.0, 0.0, 100_000.0, "net yearly cost to a firm of one BBL place, euro: the praktijkleren subsidy (max ~2,700 euro per place) is ~30% of it (training_subsidy); derived assumption")
    parttime_ww_cost: float = _f(18000.0, 0.0, 100_000.0, "public cost per technician-year kept on part-time unemployment benefit with training, euro: 70% benefit on half the hours of a ~45,000 euro wage plus ~2,000 euro training; assumption")
    parttime_deadweight: float = _f(0.3, 0.0, 1.0, "share of part-time benefit paid for workers firms would have kept anyway (labour hoarding); Kurzarbeit evaluations (Boeri and Bruecker 2011) find sizeable deadweight; assumption")
    teacher_premium_cost: float = _f(5000.0, 0.0, 50_000.0, "yearly pay premium per technical teacher under the quality-guardian role, euro; assumption")
    hybrid_teacher_cost: float = _f(40000.0, 0.0, 200_000.0, "compensation per hybrid-teacher fte for the firm's lost output, euro/yr; assumption")
    equipment_cost: float = _f(150.0, 0.0, 5000.0, "yearly equipment spending per technical pupil (vmbo, mbo) per 0.2 of equipment level, euro; RIF-like, seed L677; assumption")
    training_voucher_cost: float = _f(2500.0, 0.0, 50_000.0, "cost of one retraining voucher toward a shortage occupation, euro; assumption")

    # --- teachers (M7) -------------------------------------------------------------------------
    teachers_per_1000_tech_pupils: float = _f(60.0, 1.0, 500.0, "technical teacher fte per 1,000 "
                                              "technical pupils (vmbo+mbo); [T1][T2] derived")
    teacher_attrition: float = _f(0.04, 0.0, 0.5, "yearly outflow of technical teachers; "
                                  "seed L627 (-20% 2013-18); assumption")
    teacher_recruitment: float = _f(1.0, 0.0, 10.0, "yearly recruitment capacity of technical "
                                    "teachers at the start year's tightness, as a multiple of "
                                    "that year's replacement need (attrition x stock); 1 = a "
                                    "steady stock before 2013 (first-degree teachers constant "
                                    "since 2008, seed L627); assumption")
    teacher_recruit_elasticity: float = _f(0.58, 0.0, 3.0, "elasticity of teacher recruitment "
                                           "to relative technical tightness (technicians' outside "
                                           "option): intake of technical teacher training fell "
                                           "208 -> 122 (2013/14-2017/18, [T3]) while UWV "
                                           "tightness rose ~1 -> ~2.5, ln(1.70)/ln(2.5) = 0.58 "
                                           "(derived; tightness from memory)")
    teacher_shortage_response: float = _f(1.0, 0.0, 5.0, "elasticity of teacher recruitment to "
                                          "the shortage (need / stock): schools recruit harder "
                                          "as posts stay open (side entrants, pdg track, seed "
                                          "L696); keeps the stock from vanishing in a lasting "
                                          "tight market; assumption")
    hybrid_teachers: float = _f(0.0, 0.0, 0.05, "technical workers who also teach (fte per worker)"
                                "; seed L669, L783")
    quality_elasticity: float = _f(0.5, 0.0, 3.0, "school quality = staffing ratio ** this; assumption")
    equipment: float = _f(1.0, 0.0, 2.0, "equipment level of technical education (1 = 2013); RIF, seed L677")

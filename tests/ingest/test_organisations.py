"""Organisations: recognition, resolution to one record each, publishers, sections, leads, mentions.

The documents here are written for these tests and name bodies that occur in no corpus file, so
that nothing passes because a rule knows a name. Tests marked ``models`` load spaCy (NER support
and the dev-gold measurement); the rest run on the shape rules alone (``use_ner=False``).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.org_patterns import JoinedText, Mention, find_mentions
from ingest.org_resolve import resolve
from ingest.organisations import (OrganisationFindings, find_leads, find_organisations, mentions, normalise,
                                  owners_by_line)
from ingest.records import ORGANISATION_KINDS, SourceText, Span, Statement

STRATEGY = """Riverside Joint Health and Wellbeing Strategy 2025-2030

NHS Riverside Clinical Commissioning Group and Riverside Borough Council (RBC)

Foreword

This strategy sets out the joint commissioning intentions of NHS Riverside Clinical Commissioning
Group and Riverside Borough Council. Riverside CCG's vision is that everyone in Riverside lives a
longer, healthier life. The CCG will work with RBC, Northshire Healthwatch, Riverside and Millbrook
NHS Foundation Trust and the Riverside Health and Wellbeing Board. We listened to Dr Jane Smith, our
Chief Officer, and to residents of Millbrook and Eastford. The Care Quality Commission (CQC), NHS
England and Public Health England will monitor progress. Patient Safety Groups (PSGs) meet monthly;
each of the PSGs reports to the Board.

Our priorities

1. Best start in life
- Offer every family a named health visitor
Lead: Director of Children's Services; Riverside Borough Council

2. Healthy ageing
- Open two falls clinics in every town
Led by NHS Riverside
Clinical Commissioning Group

Jane Smith
Chief Officer
NHS Riverside CCG
"""


def source(text: str, name: str = "plan.txt") -> SourceText:
    return SourceText(name, "text/plain", "0" * 64, tuple(text.split("\n")))


@pytest.fixture(scope="module")
def strategy() -> tuple[SourceText, OrganisationFindings]:
    text = source(STRATEGY)
    return text, find_organisations(text, use_ner=False)


def by_key(findings: OrganisationFindings) -> dict:
    return {org.key: org for org in findings.organisations}


def quoted(text: SourceText, span: Span) -> bool:
    """The evaluator's check: the quote occurs in the normalised join of its lines."""
    joined = " ".join(" ".join(text.lines[span.line_start - 1:span.line_end]).split())
    return 1 <= span.line_start <= span.line_end <= len(text.lines) and span.quote in joined


def test_each_body_resolves_to_one_record_with_its_aliases_and_kind(strategy):
    _, findings = strategy
    orgs = by_key(findings)
    ccg = orgs["nhs-riverside-ccg"]
    assert ccg.kind == "commissioner"
    assert {"NHS Riverside Clinical Commissioning Group", "Riverside CCG", "NHS Riverside CCG"} <= \
        set(ccg.aliases)
    assert ccg.name == "NHS Riverside Clinical Commissioning Group"
    council = orgs["riverside-council"]
    assert council.kind == "local authority"
    assert {"Riverside Borough Council", "RBC"} <= set(council.aliases)
    assert orgs["healthwatch-northshire"].kind == "voluntary sector"
    assert orgs["riverside-and-millbrook-trust"].kind == "provider trust"
    assert orgs["riverside-health-and-wellbeing-board"].kind == "board or committee"
    assert orgs["care-quality-commission"].kind == "regulator"
    assert orgs["care-quality-commission"].method == "curated"
    assert "CQC" in orgs["care-quality-commission"].aliases
    assert {"nhs-england", "public-health-england"} <= set(orgs)
    assert all(org.kind in ORGANISATION_KINDS for org in findings.organisations)
    assert len({org.key for org in findings.organisations}) == len(findings.organisations)


def test_references_by_kind_and_abbreviations_join_their_body(strategy):
    text, findings = strategy
    ccg, council = by_key(findings)["nhs-riverside-ccg"], by_key(findings)["riverside-council"]
    assert any(s.quote == "CCG" and "The CCG will work" in text.lines[s.line_start - 1] for s in ccg.spans)
    assert "the CCG" not in ccg.aliases  # a reference by kind is evidence, not a name
    assert sum(1 for s in council.spans if s.quote == "RBC") == 2
    groups = [o for o in findings.organisations if "PSGs" in o.aliases]
    assert len(groups) == 1 and "Patient Safety Groups" in groups[0].aliases
    assert sum(1 for s in groups[0].spans if s.quote == "PSGs") == 2


def test_spans_are_exact_quotes_and_a_wrapped_name_gives_a_two_line_span(strategy):
    text, findings = strategy
    for org in findings.organisations:
        for span in org.spans:
            assert quoted(text, span), (org.key, span)
    wrapped = [s for s in by_key(findings)["nhs-riverside-ccg"].spans if s.line_end > s.line_start]
    assert Span(23, 24, "NHS Riverside Clinical Commissioning Group") in wrapped
    assert Span(7, 8, "NHS Riverside Clinical Commissioning Group") in wrapped


def test_people_places_job_titles_and_topics_are_not_organisations(strategy):
    _, findings = strategy
    names = {normalise(a) for org in findings.organisations for a in (org.name, *org.aliases)}
    for wrong in ("jane smith", "dr jane smith", "chief officer", "millbrook", "eastford", "riverside",
                  "best start in life", "board", "the board", "monitor", "director of childrens services"):
        assert wrong not in names
    assert "monitor" not in by_key(findings)  # "will monitor progress" is a verb, not the regulator


def test_publishers_from_title_page_joint_intentions_and_signature(strategy):
    _, findings = strategy
    assert findings.publishers[:2] == ("nhs-riverside-ccg", "riverside-council")
    assert "care-quality-commission" not in findings.publishers


def test_publishers_from_joint_intentions_published_by_and_who_we_are():
    opening = "Healthy Lives Plan\n\nAn opening sentence that is plainly prose and not a title.\n\n"
    joint = source(opening + "This plan sets out the joint commissioning intentions of Riverside Borough "
                   "Council and\nNHS Riverside CCG. Millbrook NHS Foundation Trust will deliver it.")
    assert find_organisations(joint, use_ner=False).publishers == ("riverside-council", "nhs-riverside-ccg")
    imprint = source(opening + "Published by the Millbrook Health and Care Partnership, 2025.")
    assert find_organisations(imprint, use_ner=False).publishers == ("millbrook-health-and-care-partnership",)
    about = source(opening + "2. Who we are\n\nEastford City Council serves 300,000 people.")
    assert find_organisations(about, use_ner=False).publishers == ("eastford-council",)
    signed = source(opening + "We thank Westvale NHS Trust.\n\nAnn Lee\nLeader of the Council\n"
                    "Millbrook Borough Council\n")
    assert find_organisations(signed, use_ner=False).publishers == ("millbrook-council",)


def test_a_healthwatch_icb_or_ics_named_after_two_places_joined_by_and():
    text = source("We worked with Healthwatch Tollcaster and Harwick on this plan.\n"
                  "Healthwatch Tollcaster and Harwick will report each year to NHS Tollcaster and Harwick\n"
                  "Integrated Care Board, a partner in the Tollcaster and Harwick Integrated Care System.\n")
    orgs = by_key(find_organisations(text, use_ner=False))
    assert orgs["healthwatch-tollcaster-and-harwick"].name == "Healthwatch Tollcaster and Harwick"
    assert {"nhs-tollcaster-and-harwick-icb", "tollcaster-and-harwick-ics"} <= set(orgs)
    assert "healthwatch-tollcaster" not in orgs and "nhs-harwick-icb" not in orgs


def test_a_healthwatch_and_a_place_that_opens_another_name_or_a_noun_are_not_one_name():
    council = source("Partners: Healthwatch Tollcaster and Harwick Borough Council.\n")
    orgs = by_key(find_organisations(council, use_ner=False))
    assert {"healthwatch-tollcaster", "harwick-council"} <= set(orgs)
    residents = source("Healthwatch Tollcaster and Harwick residents met in May. People in Harwick agreed.\n")
    orgs = by_key(find_organisations(residents, use_ner=False))
    assert "healthwatch-tollcaster" in orgs and "healthwatch-tollcaster-and-harwick" not in orgs


def test_place_community_action_and_community_and_voluntary_service_with_its_abbreviation():
    text = source("Partners: Fennick Community Action on behalf of the voluntary sector, and\n"
                  "Oakenford Community and Voluntary Service (OCVS).\n\n"
                  "Action\tLead\n1a Men's sheds\tOCVS\n1b Open Door\tCommunity Action Fennick\n")
    orgs = by_key(find_organisations(text, use_ner=False))
    action = orgs["community-action-fennick"]  # one body, whichever way round it is named
    assert {"Fennick Community Action", "Community Action Fennick"} <= set(action.aliases)
    cvs = orgs["oakenford-cvs"]
    assert cvs.kind == "voluntary sector" and cvs.name == "Oakenford Community and Voluntary Service"
    assert "OCVS" in cvs.aliases and len(cvs.spans) == 3


def test_community_action_without_a_place_before_it_is_no_body():
    text = source("Local Community Action matters. The community action plan is due. Our Community Action\n"
                  "week runs in June; local people plan local community action.\n")
    assert find_organisations(text, use_ner=False).organisations == ()


def test_a_name_in_capitals_is_its_ordinary_case_twin():
    text = source("BRAMBLEMOOR DISTRICT COUNCIL\n\nBramblemoor Health Plan\n\n"
                  "An opening sentence that is plainly prose and not a title at all.\n\n"
                  "Bramblemoor District Council will lead. Kestrel Mind runs a cafe;\n"
                  "KESTREL MIND volunteers help.\n")
    findings = find_organisations(text, use_ner=False)
    orgs = by_key(findings)
    council = orgs["bramblemoor-council"]
    assert council.name == "Bramblemoor District Council" and len(council.spans) == 2
    assert [o.key for o in findings.organisations].count("bramblemoor-council") == 1
    assert findings.publishers == ("bramblemoor-council",)


def test_a_name_in_capitals_alone_is_read_by_the_same_shapes_and_a_heading_in_capitals_is_no_body():
    text = source("TOLLCASTER AND HARWICK NHS FOUNDATION TRUST\n\nGOVERNANCE AND COMMUNITY SERVICE\n\n"
                  "WHY PREVENTION MATTERS IN TOLLCASTER\n\nHEALTH AND WELLBEING\n")
    findings = find_organisations(text, use_ner=False)
    assert [o.key for o in findings.organisations] == ["tollcaster-and-harwick-trust"]
    assert findings.organisations[0].kind == "provider trust"


def test_a_trusts_short_name_is_the_trust_when_the_document_names_it_in_full():
    text = source("Fennick Vale Partnership NHS Foundation Trust\n\nClinical Strategy\n\n"
                  "An opening sentence that is plainly prose and not a title at all.\n\n"
                  "Fennick Vale Partnership provides mental health care. We work with Oakenford Royal\n"
                  "Hospitals NHS Trust, whose staff at Oakenford Royal and the wider Oakenford Royal\n"
                  "Hospitals team help us.\n\n"
                  "Fennick Vale Partnership NHS FT · Clinical Strategy 2025-2028    Page 2\n")
    findings = find_organisations(text, use_ner=False)
    orgs = by_key(findings)
    trust = orgs["fennick-vale-partnership-trust"]
    assert {"Fennick Vale Partnership", "Fennick Vale Partnership NHS FT"} <= set(trust.aliases)
    assert trust.kind == "provider trust"
    assert "fennick-vale-partnership" not in orgs
    royal = orgs["oakenford-royal-hospitals-trust"]
    assert {"Oakenford Royal", "Oakenford Royal Hospitals"} <= set(royal.aliases)
    assert findings.publishers == ("fennick-vale-partnership-trust",)


def test_a_short_name_is_not_the_trust_without_the_full_name_nor_when_it_is_a_place():
    alone = source("Fennick Vale Partnership runs three hubs with Harwick Borough Council.\n")
    orgs = by_key(find_organisations(alone, use_ner=False))
    assert "fennick-vale-partnership" in orgs and not any(k.endswith("-trust") for k in orgs)
    place = source("North Harwick Hospitals NHS Trust and Harwick Borough Council serve North Harwick.\n"
                   "People in North Harwick live longer.\n")
    trust = by_key(find_organisations(place, use_ner=False))["north-harwick-hospitals-trust"]
    assert "North Harwick" not in trust.aliases and len(trust.spans) == 1


def test_a_partnerships_name_without_its_kind_is_the_partnership():
    text = source("The Oakenford Place Partnership brings our GPs together. Oakenford Place\tMarch 2026\n"
                  "Ann Lee, Clinical Director, Oakenford Place Partnership Board\n")
    doc = JoinedText(text)
    found = find_mentions(doc)
    start = doc.text.index("Oakenford Place\t")  # as NER finds a short name in a table cell
    found.append(Mention("oakenford-place", "Oakenford Place", "other", start, start + 15, method="ner"))
    records = {o.key: o for o in resolve(doc, found)}
    assert "oakenford-place" not in records
    assert "Oakenford Place" in records["oakenford-place-partnership"].aliases


def test_partners_listed_in_a_foreword_do_not_publish_it():
    text = source("                 Tollcaster and Harwick Integrated Care Partnership\n\n"
                  "                     INTEGRATED CARE STRATEGY\n\n"
                  "Foreword\n\nThis is our second strategy, agreed by every partner of ours.\n\n"
                  "Partners have signed up to it: NHS Tollcaster and Harwick Integrated Care Board, Harwick\n"
                  "County Council, Fennick Community Action on behalf of the voluntary sector, and the\n"
                  "University of Oakenford. Each of us will reflect it in our own plans.\n")
    findings = find_organisations(text, use_ner=False)
    assert findings.publishers == ("tollcaster-and-harwick-icp",)


def test_committees_that_review_it_and_bodies_it_reports_to_do_not_publish_it():
    text = source("Fennick Vale NHS Foundation Trust\n\nCLINICAL STRATEGY 2025-2028\n\n"
                  "Board approval: 27 November 2024        Document ref: FV/STR/1\n"
                  "Executive owner: Chief Medical Officer   Review: annually by the Quality Committee\n\n"
                  "Contents\n\n1 Introduction\n\nGovernance\n\n"
                  "The Quality Committee will oversee delivery of this strategy. Progress will also be\n"
                  "reported to the Oakenford Mental Health Provider Collaborative and to NHS Oakenford\n"
                  "Integrated Care Board through the annual joint plan.\n")
    findings = find_organisations(text, use_ner=False)
    assert findings.publishers == ("fennick-vale-trust",)


def test_a_statement_of_who_publishes_outweighs_a_partners_logo_on_the_cover():
    text = source("HARWICK BOROUGH COUNCIL                 Harwick Place Partnership\n"
                  "                                        NHS Tollcaster ICB\n\n"
                  "Living Well in Harwick\n\n"
                  "A joint plan of Harwick Borough Council and\n   the Harwick Place Partnership\n\n"
                  "Foreword\n\nThis plan is published jointly by Harwick Borough Council and the Harwick\n"
                  "Place Partnership, the local partnership of NHS Tollcaster Integrated Care Board with\n"
                  "Fennick Vale NHS Foundation Trust. It has been endorsed by the Harwick Health and\n"
                  "Wellbeing Board.\n")
    findings = find_organisations(text, use_ner=False)
    assert findings.publishers == ("harwick-council", "harwick-place-partnership")


def test_publishers_listed_before_a_joint_plan_and_after_published_by():
    opening = "Healthy Lives Plan\n\nAn opening sentence that is plainly prose and not a title.\n\n"
    before = source(opening + "This is Harwick Borough Council and NHS Harwick ICB's joint plan for 2026.\n"
                    "Fennick Vale NHS Foundation Trust will deliver much of it.\n")
    assert find_organisations(before, use_ner=False).publishers == ("harwick-council", "nhs-harwick-icb")
    after = source(opening + "Published by Harwick Borough Council, NHS Harwick ICB and the Oakenford Mind\n"
                   "charity with support from Fennick Vale NHS Foundation Trust.\n")
    assert find_organisations(after, use_ner=False).publishers == ("harwick-council", "nhs-harwick-icb")


def test_alias_index_maps_every_alias_to_its_key(strategy):
    _, findings = strategy
    assert findings.alias_index["rbc"] == "riverside-council"
    assert findings.key_of("The Riverside CCG") == "nhs-riverside-ccg"
    assert findings.key_of("Riverside CCG's") == "nhs-riverside-ccg"
    assert findings.key_of("Chief Officer") is None


def test_the_same_body_has_the_same_key_in_any_document():
    variants = ["NHS Riverside CCG", "Riverside Clinical Commissioning Group", "Riverside CCG's",
                "NHS Riverside Clinical Commissioning Group", "Riverside CCG"]
    keys = {find_organisations(source(f"We met {v} today. People in Riverside were there."),
                               use_ner=False).organisations[0].key for v in variants}
    assert keys == {"nhs-riverside-ccg"}
    councils = {find_organisations(source(f"{v} agreed. Riverside people voted."),
                                   use_ner=False).organisations[0].key
                for v in ("London Borough of Riverside", "Riverside Council", "Riverside Borough Council")}
    assert councils == {"riverside-council"}


def test_a_trust_plan_says_the_trust():
    text = source("Millbrook Hospitals NHS Foundation Trust\n\nStrategy 2025\n\n"
                  "The Trust will open a new ward. Our Trust Board agreed.\n"
                  "The Trust Development Authority agreed.")
    orgs = by_key(find_organisations(text, use_ner=False))
    assert len(orgs["millbrook-hospitals-trust"].spans) == 2
    assert "nhs-trust-development-authority" in orgs


def test_a_reference_by_kind_needs_exactly_one_body_of_that_kind():
    two = source("Riverside Council and Millbrook Council agreed. The Council will publish a plan.")
    assert {o.key for o in find_organisations(two, use_ner=False).organisations} == \
        {"riverside-council", "millbrook-council"}
    one = source("Riverside Council agreed. The Council will publish a plan.")
    council = find_organisations(one, use_ner=False).organisations[0]
    assert len(council.spans) == 2


def test_a_plan_about_one_place_gives_its_own_bodies_when_named_by_kind_only():
    text = source("RIVERSIDE\n\nForward View\n\nBoard Update\n\n"
                  "Our strategy is to maximise value for Riverside people.\n"
                  "- Creating a joint team with the Council\n"
                  "- The Council and the CCG are recruiting a director in Riverside.\n"
                  "Services for Riverside residents will improve.\n"
                  "- Establishing a Partnership Board and an Executive Oversight Group\n"
                  "- Setting up a Joint Committee and two Local Care Network Boards\n"
                  "The Joint Commissioning Strategy Committee oversees the two Riverside Local Care "
                  "Networks.")
    findings = find_organisations(text, use_ner=False)
    orgs = by_key(findings)
    assert orgs["riverside-council"].name == "Riverside Council"
    assert orgs["nhs-riverside-ccg"].kind == "commissioner"
    assert {"riverside-partnership-board", "riverside-executive-oversight-group"} <= set(orgs)
    # a short form and a network's boards are the bodies they stand for
    assert {"Joint Committee", "Joint Commissioning Strategy Committee"} <= \
        set(orgs["riverside-joint-commissioning-strategy-committee"].aliases)
    assert {"Local Care Network Boards", "Riverside Local Care Networks"} <= \
        set(orgs["riverside-local-care-network"].aliases)
    assert "riverside-joint-committee" not in orgs
    assert set(findings.publishers) == {"riverside-council", "nhs-riverside-ccg"}
    for org in findings.organisations:
        assert all(quoted(text, span) for span in org.spans)


def test_collaborations_of_ccgs_are_one_partnership():
    text = source("North West Midshire CCGs\n\nThe strategy of North West Midshire CCGs\n\n"
                  "The four CCGs in north west Midshire are Ashby CCG, Brent CCG, Colne CCG and Dale CCG. "
                  "All 32 CCGs in the region were told. The four CCGs agreed.")
    findings = find_organisations(text, use_ner=False)
    orgs = by_key(findings)
    collaboration = orgs["north-west-midshire-ccgs"]
    assert collaboration.kind == "partnership or network"
    assert {"North West Midshire CCGs", "four CCGs"} <= set(collaboration.aliases)
    assert "32 CCGs" not in collaboration.aliases  # a different count is a different group
    assert {"nhs-ashby-ccg", "nhs-brent-ccg", "nhs-colne-ccg", "nhs-dale-ccg"} <= set(orgs)
    assert "north-west-midshire-ccgs" in findings.publishers


def test_integrated_care_bodies_and_national_bodies():
    text = source("Published by NHS Northshire Integrated Care Board (ICB)\n\n"
                  "The ICB works with Northshire Integrated Care System, Westvale County Council, "
                  "Eastport City Council, Ofsted and the Department of Health and Social Care.")
    findings = find_organisations(text, use_ner=False)
    orgs = by_key(findings)
    assert orgs["nhs-northshire-icb"].kind == "commissioner"
    assert len(orgs["nhs-northshire-icb"].spans) == 3
    assert orgs["northshire-ics"].kind == "partnership or network"
    assert {"westvale-council", "eastport-council", "ofsted",
            "department-of-health-and-social-care"} <= set(orgs)
    assert orgs["department-of-health-and-social-care"].kind == "national body"
    assert orgs["department-of-health-and-social-care"].name == "Department of Health and Social Care"
    assert findings.publishers == ("nhs-northshire-icb",)


def names_of(findings: OrganisationFindings) -> set[str]:
    return {normalise(a) for org in findings.organisations for a in (org.name, *org.aliases)}


def test_fire_police_and_ambulance_services_are_bodies_of_their_place():
    text = source("Partners: Dunmere Fire and Rescue Service, Thornbury Vale Police, Kestrel Constabulary,\n"
                  "the Dunmere Police and Crime Commissioner and Kestrel Ambulance Service.\n"
                  "Thornbury Vale Police officers joined Dunmere Fire & Rescue Service's crews.")
    orgs = by_key(find_organisations(text, use_ner=False))
    assert orgs["dunmere-fire-and-rescue-service"].kind == "other"
    assert len(orgs["dunmere-fire-and-rescue-service"].spans) == 2
    assert orgs["thornbury-vale-police"].name == "Thornbury Vale Police"
    assert orgs["kestrel-police"].aliases == ("Kestrel Constabulary",)
    assert orgs["kestrel-police"].kind == "other"
    assert "dunmere-police-and-crime-commissioner" in orgs and "dunmere-police" not in orgs
    assert orgs["kestrel-ambulance-service-trust"].kind == "provider trust"


def test_a_service_without_a_place_is_no_body():
    text = source("The Fire and Rescue Service's role is set nationally. Fire and Rescue Services differ.\n"
                  "The Police will attend. The Royal College said so. Further Education College places.")
    assert find_organisations(text, use_ner=False).organisations == ()


def test_universities_and_colleges_and_a_list_of_two_is_two_bodies():
    text = source("We work with the University of Wexcombe and Dunmere College, and Kestrel University.\n"
                  "Apprentices train at Dunmere College\n   and the University of Wexcombe.\n"
                  "Wexcombe and Dunmere College is a different college.")
    findings = find_organisations(text, use_ner=False)
    orgs, names = by_key(findings), names_of(findings)
    assert {"university-of-wexcombe", "dunmere-college", "kestrel-university",
            "wexcombe-and-dunmere-college"} <= set(orgs)
    assert len(orgs["dunmere-college"].spans) == 2 and len(orgs["university-of-wexcombe"].spans) == 2
    assert orgs["dunmere-college"].kind == "other" and orgs["kestrel-university"].kind == "other"
    assert not any("university of wexcombe and" in n for n in names)


def test_a_street_or_a_hospital_named_after_a_college_is_not_the_college():
    text = source("The clinic on College Road moved to Dunmere College Road, next to Kestrel University "
                  "Hospital.\nWexcombe people use it.")
    keys = {o.key for o in find_organisations(text, use_ner=False).organisations}
    assert not {k for k in keys if k.endswith("-college") or k.endswith("-university")}


def test_voluntary_sector_bodies_named_before_or_after_their_place():
    text = source("- Voluntary Action Kestrel Hill, on behalf of the VCSE sector\n"
                  "- Community Action North Dunmere and Age UK Wexcombe\n"
                  "- Citizens Advice Dunmere, Dunmere CVS and the Wexcombe Council for Voluntary Service\n"
                  "Community Action is a theme of this plan. Citizens Advice runs a helpline.")
    orgs = by_key(find_organisations(text, use_ner=False))
    for key in ("voluntary-action-kestrel-hill", "community-action-north-dunmere", "age-uk-wexcombe",
                "citizens-advice-dunmere", "dunmere-cvs", "wexcombe-cvs", "citizens-advice"):
        assert orgs[key].kind == "voluntary sector", key
    assert orgs["wexcombe-cvs"].name == "Wexcombe Council for Voluntary Service"
    assert "community-action" not in orgs  # an activity, without a place


def test_a_body_of_two_place_words_wrapped_in_a_list_keeps_its_whole_place():
    text = source("It was developed with:\n\n"
                  "- the district councils: Dunmere District Council, Upper Wexcombe District\n"
                  "  Council and Kestrel Borough Council\n"
                  "- Ann Lee Dunmere Council officers\n")
    orgs = by_key(find_organisations(text, use_ner=False))
    assert orgs["upper-wexcombe-council"].name == "Upper Wexcombe District Council"
    assert orgs["upper-wexcombe-council"].spans[0].line_end == 4
    assert "wexcombe-council" not in orgs
    assert not {k for k in orgs if "lee" in k}  # a person's name before a place is not part of it


def test_a_document_of_a_body_is_not_a_body_and_a_list_of_two_is_two():
    text = source("It complements the Integrated Care Strategy of the Dunmere and Kestrel Integrated Care\n"
                  "Partnership and the Joint Forward Plan of NHS Dunmere Integrated Care Board.\n"
                  "Wexcombe Borough Council and Kestrel Community NHS Trust agreed, as did Wexcombe Council\n"
                  "and the Kestrel Safeguarding Board.")
    orgs = by_key(find_organisations(text, use_ner=False))
    assert orgs["dunmere-and-kestrel-icp"].name == "Dunmere and Kestrel Integrated Care Partnership"
    assert orgs["nhs-dunmere-icb"].name == "NHS Dunmere Integrated Care Board"
    assert not {k for k in orgs if "strategy" in k or "plan" in k}
    assert orgs["wexcombe-council"].kind == "local authority"
    assert orgs["kestrel-community-trust"].name == "Kestrel Community NHS Trust"


def test_publishers_from_a_web_pages_header_line_and_copyright_footer():
    page = source("Skip to main content\n\nWe use cookies to make this website work and to understand "
                  "how you use it. Read our cookie policy.\n\nAccept analytics cookies Reject analytics "
                  "cookies\n\nHealthwatch England\n\nGuidance for 2027\n\nThis guidance was agreed with the "
                  "Care Quality Commission and asks every local body to act on it now.\n")
    assert find_organisations(page, use_ner=False).publishers == ("healthwatch-england",)
    footer = source("Guidance for 2027\n\nThis guidance asks every council to work with Dunmere Borough "
                    "Council and the Care Quality Commission on it.\n\n- Contact us\n\n© Kestrel County "
                    "Council 2027\n")
    assert find_organisations(footer, use_ner=False).publishers == ("kestrel-council",)


def test_a_label_and_its_value_are_not_a_signature():
    text = source("Plan\n\nThis plan sets out what the Wexcombe Hospitals NHS Trust will do in full.\n\n"
                  "- Launch a mentoring scheme\n"
                  "Executive lead: Chief People Officer\nDelivered through: Education and Leadership Group\n")
    publishers = find_organisations(text, use_ner=False).publishers
    assert "education-and-leadership-group" not in publishers


def test_the_department_of_health_keeps_its_current_name_and_its_old_one_as_an_alias():
    orgs = by_key(find_organisations(source("The Department of Health and the DHSC agreed."), use_ner=False))
    dhsc = orgs["department-of-health-and-social-care"]
    assert dhsc.name == "Department of Health and Social Care"
    assert {"Department of Health", "DHSC"} <= set(dhsc.aliases)


@pytest.mark.models
def test_ner_leaves_programmes_and_frameworks_out():
    text = source("Our plan for Kestrel people\n\nWe will launch the Kestrel Leadership Academy for staff, "
                  "and use our own *Kestrel Fairer Lives* framework with Kestrel Borough Council.\n"
                  "Kestrel residents and Kestrel Homes will benefit.")
    names = names_of(find_organisations(text))
    assert "kestrel leadership academy" not in names and "kestrel fairer lives" not in names
    assert "kestrel borough council" in names


def test_leads_link_the_named_body_to_the_statement_it_leads(strategy):
    text, findings = strategy
    statements = [
        Statement("s1", "initiative", "Named health visitor", "Offer every family a named health visitor",
                  Span(18, 19, "Offer every family a named health visitor"), 0.8, "structure"),
        Statement("s2", "initiative", "Falls clinics", "Open two falls clinics in every town",
                  Span(22, 22, "Open two falls clinics in every town"), 0.8, "structure"),
    ]
    links = {(link.source, link.target): link for link in find_leads(text, statements, findings)}
    assert set(links) == {("riverside-council", "s1"), ("nhs-riverside-ccg", "s2")}
    lead = links[("riverside-council", "s1")]
    assert lead.type == "leads" and lead.span.line_start == 19
    assert lead.span.quote == "Lead: Director of Children's Services; Riverside Borough Council"
    assert links[("nhs-riverside-ccg", "s2")].span == \
        Span(23, 24, "Led by NHS Riverside Clinical Commissioning Group")
    for link in links.values():
        assert quoted(text, link.span)


def test_leads_also_read_name_role_organisation_lines_but_not_how_a_thing_is_delivered():
    text = source("Enabler - Workforce\tAnn Lee Chief Officer; NHS Ashby CCG\n"
                  "Delivered by: working with Brent Council on training\nBrent people matter.\n\n"
                  "Enabler - Estates\nDelivered by: Colne Borough Council\n\n"
                  "Enabler - Digital\nLead organisation\tDale Council\n\n"
                  "Enabler - Housing\nThe Ashby CCG will lead the housing work with Eastford Council.")
    statements = [Statement(key, "enabler", label, label, Span(line, line + 1, f"Enabler - {label}"), 0.8,
                            "structure")
                  for key, label, line in (("e1", "Workforce", 1), ("e2", "Estates", 5), ("e3", "Digital", 8),
                                           ("e4", "Housing", 11))]
    findings = find_organisations(text, use_ner=False)
    links = find_leads(text, statements, findings)
    assert sorted((l.source, l.target) for l in links) == [
        ("colne-council", "e2"), ("dale-council", "e3"), ("nhs-ashby-ccg", "e1")]


PLANS_ON_A_PAGE = """Midshire Commissioning Strategy: plans on a page

NHS Ashby Clinical Commissioning Group's vision is to: keep Ashby people well at home.

Objectives
1. Prevention
2. Integrated care

Brent CCG's vision is to:
- give every Brent resident a named GP

Objectives
1. Access
2. Quality

Vision
Primary care services that meet every need
"""


def test_owners_by_line_maps_each_plan_on_a_page_to_its_organisation():
    text = source(PLANS_ON_A_PAGE)
    findings = find_organisations(text, use_ner=False)
    owners = owners_by_line(text, findings)
    assert {owners[n] for n in range(3, 9)} == {"nhs-ashby-ccg"}
    assert {owners[n] for n in range(9, 16)} == {"nhs-brent-ccg"}
    assert 1 not in owners and 16 not in owners and 17 not in owners  # title; someone else's vision
    assert {"nhs-ashby-ccg", "nhs-brent-ccg"} <= set(findings.publishers)


def test_one_bodys_plan_and_a_joint_plans_prose_have_no_sections(strategy):
    text, findings = strategy
    assert owners_by_line(text, findings) == {}
    joint = source("Our vision\n\nRiverside Borough Council will work with carers on respite.\n\n"
                   "NHS Riverside CCG will commission a new stroke pathway.\n\n"
                   "Riverside people will benefit.")
    assert owners_by_line(joint, find_organisations(joint, use_ner=False)) == {}


def test_mentions_link_the_document_to_each_organisation_with_its_first_naming(strategy):
    _, findings = strategy
    links = mentions(findings)
    assert [l.target for l in links] == [o.key for o in findings.organisations]
    assert all(l.source == "" and l.type == "mentions" for l in links)
    assert links[0].span == findings.organisations[0].spans[0]


def test_an_empty_document_has_no_organisations():
    findings = find_organisations(source(""), use_ner=False)
    assert findings.organisations == () and findings.publishers == ()


_WORDS = st.sampled_from("""NHS Riverside CCG CCGs Council the and Board Trust (RBC) Healthwatch Borough of
London six Clinical Commissioning Group Foundation Lead: ; vision 's Partnership Monitor , CQC Health
Wellbeing Committee north Integrated Care System FT COUNCIL BOROUGH RIVERSIDE AND Community Action Voluntary
Service published by Review: Royal Hospitals""".split() + ["\n", "\t", "\n\n"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, max_size=60))
def test_never_raises_and_spans_stay_in_bounds(words):
    text = source(" ".join(words))
    findings = find_organisations(text, use_ner=False)
    for org in findings.organisations:
        assert org.kind in ORGANISATION_KINDS and org.spans
        assert all(quoted(text, span) for span in org.spans)
    assert set(findings.publishers) <= {o.key for o in findings.organisations}
    owners = owners_by_line(text, findings)
    assert all(1 <= n <= len(text.lines) for n in owners)


@pytest.mark.models
def test_ner_adds_named_bodies_the_shapes_miss_and_nothing_of_people_or_titles(strategy):
    text = source(STRATEGY + "\nNew homes will be built with Riverside Homes and Age UK.\n"
                  "Professor Alan Turner of Millbrook spoke.\n")
    findings = find_organisations(text)
    orgs = by_key(findings)
    assert orgs["riverside-homes"].method == "ner"
    names = {normalise(a) for org in findings.organisations for a in (org.name, *org.aliases)}
    assert not names & {"alan turner", "professor alan turner", "millbrook", "jane smith", "chief officer"}
    for org in findings.organisations:
        assert all(quoted(text, span) for span in org.spans)


def _norm(text: str) -> str:
    """The evaluator's normalisation (shared/gold/evaluate.py ``norm``)."""
    text = (text or "").lower().replace("&", " and ")
    text = re.sub(r"['\u2019\u2018`]", "", text)
    return " " + re.sub(r"[^a-z0-9]+", " ", text).strip() + " "


@pytest.mark.models
def test_dev_gold_organisations_recall_duplicates_and_publishers(shared_dir, corpus_dir):
    """The evaluator's organisation scores on the dev gold, with thresholds that only go up."""
    import hashlib

    from ingest.loaders import load_path

    gold = json.loads((shared_dir / "gold" / "seeds-dev.json").read_text())
    alias_to_gold = {_norm(a): org["id"] for org in gold["organisations"] for a in org["aliases"]}
    by_sha = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in Path(corpus_dir).glob("*.txt")}
    merged: dict[str, list[str]] = {}
    hit = total = 0
    wanted: set[str] = set()
    for name, gdoc in gold["documents"].items():
        findings = find_organisations(load_path(by_sha[gdoc["sha256"]]))
        for org in findings.organisations:
            merged.setdefault(org.key, []).extend([org.name, *org.aliases])

        def gold_id(key: str) -> str | None:
            for alias in merged.get(key, []):
                found = alias_to_gold.get(_norm(re.sub(r"^\s*the\s+", "", alias, flags=re.I)))
                if found:
                    return found
            return None
        hit += len(set(gdoc["publishers"]) & {gold_id(k) for k in findings.publishers})
        total += len(gdoc["publishers"])
        wanted |= set(gdoc["publishers"]) | set(gdoc["mentions"])
    matched: dict[str, list[str]] = {}
    for key, aliases in merged.items():
        ids = [alias_to_gold.get(_norm(re.sub(r"^\s*the\s+", "", a, flags=re.I))) for a in aliases]
        first = next((i for i in ids if i), None)
        if first:
            matched.setdefault(first, []).append(key)
    found = wanted & set(matched)
    assert len(found) / len(wanted) >= 0.95
    assert sum(1 for k in found if len(matched[k]) > 1) / len(found) <= 0.05
    assert hit / total >= 0.95


# A national guidance cover: classification and reference lines, then the body's name alone on a line.
NATIONAL_COVER = """Classification: Official
Publication reference: QRS-PRN-00042




NHS National Records Office


Operational guidance for 2031/32


Version 1, 3 March 2031

1. Introduction

This guidance sets out what systems must deliver. The National Records Office will assess progress
with Westvale Borough Council and the Glenmoor College.
"""


def test_a_national_office_is_a_body_and_its_name_alone_on_a_cover_publishes_the_guidance():
    findings = find_organisations(source(NATIONAL_COVER), use_ner=False)
    orgs = by_key(findings)
    assert "national-records-office" in orgs  # "NHS National X Office" and "National X Office": one body
    assert {"NHS National Records Office", "National Records Office"} <= set(orgs["national-records-office"].aliases)
    assert orgs["national-records-office"].kind == "national body"
    assert findings.publishers == ("national-records-office",)


def test_classification_lines_and_offices_without_a_national_name_are_no_bodies():
    cover = ("Classification: Official\nPublication reference: QRS-PRN-00042\n\nOperational guidance\n\n"
             "1. Introduction\n\nThe Programme Office, the Regional Office and Head Office will meet.\n"
             "Contact the National Office for details.\n")
    findings = find_organisations(source(cover), use_ner=False)
    assert findings.organisations == ()
    assert findings.publishers == ()


def test_a_publisher_line_states_who_publishes_and_outweighs_a_partners_logo():
    text = ("Millbrook Borough Council\n\nHealthy Towns Plan 2031\n\nPublisher: Westvale Health and Care "
            "Partnership\n\n1. Introduction\n\nAn opening sentence that is plainly prose and not a title.\n")
    findings = find_organisations(source(text), use_ner=False)
    assert findings.publishers == ("westvale-health-and-care-partnership",)
    plain = ("Healthy Towns Plan 2031\n\n1. Introduction\n\nAn opening sentence that is plainly prose. "
             "The publisher of the census is not named, and Westvale Health and Care Partnership helped.\n")
    assert "westvale-health-and-care-partnership" not in find_organisations(source(plain), use_ner=False).publishers

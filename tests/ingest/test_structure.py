"""Structure: how the layout of a plan turns into typed statements and links.

Each test writes a small plan by hand, in the shapes strategies share, and checks what is found.
No models are loaded; these run in milliseconds.
"""
from __future__ import annotations

import hashlib
import re

from ingest.blocks import split_blocks
from ingest.records import SourceText
from ingest.structure import find_structure


def source(text: str, name: str = "plan.txt") -> SourceText:
    data = text.encode()
    return SourceText(name, "text/plain", hashlib.sha256(data).hexdigest(), tuple(text.splitlines()))


def found(text: str):
    src = source(text)
    result = find_structure(split_blocks(src))
    return src, result


def of_type(result, kind: str) -> list:
    return [s for s in result.statements if s.type == kind]


def linked(result, kind: str) -> set[tuple[str, str]]:
    by_key = {s.key: s for s in result.statements}
    return {(by_key[l.source].label, by_key[l.target].label) for l in result.links if l.type == kind}


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def assert_quotes_exact(src: SourceText, result) -> None:
    for statement in result.statements:
        for span in statement.spans:
            window = " ".join(src.lines[span.line_start - 1:span.line_end])
            assert _norm(span.quote) in _norm(window), (statement.label, span)
            assert 1 <= span.line_start <= span.line_end <= len(src.lines)


SECTIONED = """Harbourside Wellbeing Plan 2030

Contents

1. Introduction
2. Our priorities
2.1 Healthy starts
2.2 Living well with long term illness

1. Introduction

This plan sets out how partners across the harbour district will work together over the next five years.

2. Our priorities

We have agreed two priorities:

1. Healthy starts (section 2.1)
2. Living well with long term illness (section 2.2)

2.1 Healthy starts

Our aim for healthy starts

To give every child the best start in life.

What we will do

The action plan for healthy starts is to:

- expand the family nurse partnership to all first-time parents
- open two new breastfeeding cafes
 - one in each locality
- review school nursing

¹ Family nurse partnership – see glossary

- run a campaign on childhood immunisations

2.2 Living well with long term illness

The action plan for long term illness is to:

- introduce group consultations for diabetes
- train pharmacists in blood pressure checks

Key performance indicators

Healthy starts

- Breastfeeding at 6-8 weeks
- Immunisation uptake at age five

Living well with long term illness

- Emergency admissions for diabetes

Key risks

- Recruitment of health visitors may fall short
- Savings may not be released in time
"""


def test_numbered_sections_under_priorities_are_priorities_and_restatements_merge():
    src, result = found(SECTIONED)
    priorities = of_type(result, "priority")
    assert sorted(p.label for p in priorities) == ["Healthy starts", "Living well with long term illness"]
    # the summary list and the section heading are one priority with two pieces of evidence
    assert all(len(p.spans) == 2 for p in priorities)
    assert_quotes_exact(src, result)


def test_contents_lines_are_not_statements():
    _, result = found(SECTIONED)
    lines = {span.line_start for s in result.statements for span in s.spans}
    assert not lines & set(range(3, 9))


def test_action_plan_items_serve_their_section_priority_across_a_footnote():
    _, result = found(SECTIONED)
    serves = linked(result, "serves")
    initiatives = {s.label for s in of_type(result, "initiative")}
    assert any(label.startswith("run a campaign on childhood immunisations") for label in initiatives)
    assert ("run a campaign on childhood immunisations", "Healthy starts") in serves
    assert ("introduce group consultations for diabetes", "Living well with long term illness") in serves
    assert ("expand the family nurse partnership to all first-time parents", "Healthy starts") in serves
    # the aim is a description, not an action
    assert "To give every child the best start in life" not in initiatives


def test_sub_items_are_part_of_their_parent():
    _, result = found(SECTIONED)
    assert ("one in each locality", "open two new breastfeeding cafes") in linked(result, "part_of")


def test_kpi_groups_headed_by_a_priority_measure_it():
    _, result = found(SECTIONED)
    measures = linked(result, "measures")
    assert ("Breastfeeding at 6-8 weeks", "Healthy starts") in measures
    assert ("Emergency admissions for diabetes", "Living well with long term illness") in measures
    assert {m.label for m in of_type(result, "metric")} >= {"Immunisation uptake at age five"}


def test_risks_are_found():
    _, result = found(SECTIONED)
    assert len(of_type(result, "risk")) == 2


PLAN_ON_A_PAGE = """Northfield Health Partnership's vision is to: help every resident live a longer, healthier life.

Objectives

1. Prevention: Halving smoking in pregnancy
2. Access: Same-day urgent appointments for all
3: Finance: A balanced budget every year
4: Quality of services – patient experience

1. Delivered by: Stop smoking advisers in every maternity unit
2. & 3. Delivered by: A single urgent care hub and shared back-office functions

Success Criteria: Scorecard maps to Objectives 1-4 as follows:

- Domain 1: Are mothers smoke free at delivery? – Objective 1
- Domain 2: Is care safe and kind? – Objectives 2 & 4

High level risks to be mitigated

- Workforce shortages in midwifery
"""


def test_numbered_objectives_and_delivered_by_numbers():
    src, result = found(PLAN_ON_A_PAGE)
    priorities = of_type(result, "priority")
    assert [p.number for p in priorities] == ["1", "2", "3", "4"]
    serves = linked(result, "serves")
    by_number = {p.number: p.label for p in priorities}
    assert ("Stop smoking advisers in every maternity unit", by_number["1"]) in serves
    hub = next(s.label for s in of_type(result, "initiative") if s.label.startswith("A single urgent care hub"))
    assert (hub, by_number["2"]) in serves and (hub, by_number["3"]) in serves
    assert_quotes_exact(src, result)


def test_domains_measure_the_objectives_they_name():
    _, result = found(PLAN_ON_A_PAGE)
    by_key = {s.key: s for s in result.statements}
    measured = {}
    for link in result.links:
        if link.type == "measures":
            measured.setdefault(by_key[link.source].text, set()).add(by_key[link.target].number)
    domain2 = next(text for text in measured if text.startswith("Domain 2"))
    assert measured[domain2] == {"2", "4"}


def test_vision_sentence_and_risk_heading():
    _, result = found(PLAN_ON_A_PAGE)
    assert len(of_type(result, "vision")) == 1
    assert [r.label for r in of_type(result, "risk")] == ["Workforce shortages in midwifery"]


UNNUMBERED_DELIVERY = """Objectives

1. Prevention: fewer early deaths
2. System reform: joined up community teams
3. Safety of care
4. Patient experience

Delivered by: A smoking cessation service in every practice
Delivered by: Integrated neighbourhood teams
Delivered by: Commissioning to need and managing contracts closely
"""


def test_unnumbered_delivered_by_serve_objectives_in_turn_and_the_last_takes_the_rest():
    _, result = found(UNNUMBERED_DELIVERY)
    serves = linked(result, "serves")
    numbers = {p.label: p.number for p in of_type(result, "priority")}
    served = {}
    for initiative, priority in serves:
        served.setdefault(initiative, set()).add(numbers[priority])
    assert served["A smoking cessation service in every practice"] == {"1"}
    assert served["Integrated neighbourhood teams"] == {"2"}
    assert served["Commissioning to need and managing contracts closely"] == {"3", "4"}


SLIDES = """Objective One

Every patient is seen within the national standard, measured by referral to treatment times

Patient focus

- Publish waiting times for every clinic
- Text reminders for all appointments

Overseen through the following governance arrangements

- Monthly performance board

Objective Two
 Reduce missed appointments by a third
"""


def test_objective_headings_take_the_following_line_and_their_groups_serve_them():
    src, result = found(SLIDES)
    priorities = of_type(result, "priority")
    assert [p.number for p in priorities] == ["1", "2"]
    assert priorities[1].text == "Reduce missed appointments by a third"
    serves = linked(result, "serves")
    assert ("Publish waiting times for every clinic", priorities[0].label) in serves
    # governance is not an initiative
    assert "Monthly performance board" not in {s.label for s in of_type(result, "initiative")}
    # an inline "measured by" becomes a metric measuring the objective
    assert ("referral to treatment times", priorities[0].label) in linked(result, "measures")
    assert_quotes_exact(src, result)


TABLE = """Commissioning plan

Our Priorities\tInitiatives\tProgrammes
Healthy weight – to halve childhood obesity\tFree swimming for under 16s\tLeisure programme
Mental wellbeing – to reduce loneliness\tBefriending service for older people\t
"""


def test_table_with_priority_and_initiative_columns():
    src, result = found(TABLE)
    priorities = {p.label for p in of_type(result, "priority")}
    assert priorities == {"Healthy weight", "Mental wellbeing"}
    assert ("Befriending service for older people", "Mental wellbeing") in linked(result, "serves")
    assert_quotes_exact(src, result)


ENABLERS = """Our priorities

1. Better care at home
2. Supporting enablers

2. Supporting enablers

The proposed action plan for supporting enablers is to:

- implement a joint workforce development plan
- review the estates of all partners
"""


def test_actions_under_an_enablers_priority_are_initiatives_and_enablers():
    _, result = found(ENABLERS)
    enablers = of_type(result, "enabler")
    assert {e.label.split(":")[0] for e in enablers} == {"Workforce", "Estates"}
    supports = linked(result, "supports")
    assert all(any(target == "Supporting enablers" for _, target in supports if _ == e.label) for e in enablers)
    assert ("implement a joint workforce development plan", "Supporting enablers") in linked(result, "serves")


def test_numbered_list_split_by_a_cue_line_is_one_list():
    text = """Our model

1) **Primary care** – for everyone
2) **Long term conditions** – for those who need more

Care pathways – support people through episodes of care:
Five selected priority pathways

- 3) **Planned care**
- 4) **Cancer**
"""
    _, result = found(text)
    assert [p.number for p in of_type(result, "priority")] == ["1", "2", "3", "4"]


MARKDOWN = """# Lakeshire Health and Wellbeing Strategy 2025-2030

## Our vision

Everyone in Lakeshire lives a healthy, independent and fulfilling life.

## Priority 1: Best start in life

We will:

- offer every family a named health visitor
- double the number of children's centres open at weekends

How will we know we have made a difference?

- Fewer children living in poverty
- School readiness at age five

## Priority 2: Good mental health for all

What we will do

- train 500 mental health first aiders
- open a crisis café in every town
"""


def test_markdown_priority_headings_we_will_lists_and_success_measures():
    src, result = found(MARKDOWN)
    priorities = of_type(result, "priority")
    assert [p.number for p in priorities] == ["1", "2"]
    assert priorities[0].label.startswith("Best start in life")
    serves = linked(result, "serves")
    assert ("offer every family a named health visitor", priorities[0].label) in serves
    assert ("open a crisis café in every town", priorities[1].label) in serves
    assert ("School readiness at age five", priorities[0].label) in linked(result, "measures")
    assert [v.text for v in of_type(result, "vision")] == [
        "Everyone in Lakeshire lives a healthy, independent and fulfilling life."]
    assert_quotes_exact(src, result)


# ---------------------------------------------------------------------------------------------
# Shapes of plans the seed corpus lacks: every name below is invented.

THEMED = """Harrowdale Hospitals NHS Trust | People Plan 2025-2030                        1

Theme 1: Looking after our people

What we will do
We will:
•   open a staff rest hub on every site;
•   train a wellbeing lead in every team.

How we will measure success

Measure\tBaseline\tTarget
Sickness absence rate\t5.6%\t4.5%
Staff who say the Trust takes positive\t52%\t65%
action on their wellbeing

Harrowdale Hospitals NHS Trust | People Plan 2025-2030                        2

Theme 2: Growing our workforce

By March 2027 the Trust will reduce its vacancy rate to 7% and reduce agency spend by 30%.

1. Our enablers

1.1 Digital workforce information
A single source of workforce data, built on the payroll system and a new dashboard.
Supports: Themes 1 and 2
"""


def test_a_kpi_table_under_a_theme_measures_it_and_spilled_cells_join():
    src, result = found(THEMED)
    metrics = {m.label for m in of_type(result, "metric")}
    assert {"Sickness absence rate", "Staff who say the Trust takes positive action on their wellbeing"} <= metrics
    measured = linked(result, "measures")
    assert ("Sickness absence rate", "Looking after our people") in measured
    assert_quotes_exact(src, result)


def test_a_running_footer_states_nothing():
    _, result = found(THEMED)
    assert not any("People Plan 2025-2030" in s.text for s in result.statements)


def test_quantified_commitments_in_prose_are_metrics_of_their_theme():
    _, result = found(THEMED)
    measured = linked(result, "measures")
    assert any(m.startswith("By March 2027 the Trust will reduce its vacancy rate") and p == "Growing our workforce"
               for m, p in measured)
    assert any(m.startswith("reduce agency spend by 30%") for m, _ in measured)


def test_enabler_sections_and_the_themes_they_support():
    _, result = found(THEMED)
    assert [e.label for e in of_type(result, "enabler")] == ["Digital workforce information"]
    assert linked(result, "supports") == {("Digital workforce information", "Looking after our people"),
                                          ("Digital workforce information", "Growing our workforce")}


CODED = """Clinical Strategy

SO1 – Deliver safe care

Our commitments

We will adopt the new safety framework across every service, with trained safety partners drawn from people with lived experience.

AMBITION 2: A HEALTHY START

Outcome 2.1   Children are ready for school
              Families get joined-up support from pregnancy to age five.

Outcome 2.2   Young people get early help

Key actions

 2a.  Open 12 family centres, one in each of our most deprived districts (Outcome 2.1)
 2b.  Place a mental health practitioner in every secondary school (Outcome 2.2)

Key risks

 • Financial pressure leads to cuts in prevention services.
   → We will protect prevention budgets.
"""


def test_coded_and_dotted_priorities_with_their_parts_and_tagged_actions():
    _, result = found(CODED)
    priorities = {p.number: p.label for p in of_type(result, "priority")}
    assert priorities == {"SO1": "Deliver safe care", "2": "A HEALTHY START", "2.1": "Children are ready for school",
                          "2.2": "Young people get early help"}
    assert ("Children are ready for school", "A HEALTHY START") in linked(result, "part_of")
    serves = linked(result, "serves")
    assert any(i.startswith("We will adopt the new safety framework") and p == "Deliver safe care" for i, p in serves)
    assert any(i.startswith("Open 12 family centres") and p == "Children are ready for school" for i, p in serves)
    assert any(i.startswith("Place a mental health practitioner") and p == "Young people get early help"
               for i, p in serves)


def test_a_mitigation_under_a_risk_is_part_of_it_not_a_risk():
    _, result = found(CODED)
    risks = of_type(result, "risk")
    assert len(risks) == 1 and "Mitigation: We will protect prevention budgets" in risks[0].text


LIFE_COURSE = """Ashcombe Health and Wellbeing Strategy 2026-2036

Starting well
Giving every child the best start

What matters to residents

  • help close to home

Our commitments

  (a) We will open a family hub in every district by 2027.
  (b) We will check every child's language at the two-year review.

How we will measure progress

Indicator\tBaseline\tLatest
Smoking at time of delivery\t12.9%\t11.8%

Ageing well
Helping people stay independent

Our commitments

  (a) We will offer strength and balance classes in every district.

How we will measure progress

Indicator\tBaseline\tLatest
Emergency admissions due to falls\t2,210\t2,150
"""


def test_a_series_of_plain_titles_each_with_commitments_and_measures_are_priorities():
    src, result = found(LIFE_COURSE)
    assert [p.label for p in of_type(result, "priority")] == ["Starting well", "Ageing well"]
    serves = linked(result, "serves")
    assert any(i.startswith("We will open a family hub") and p == "Starting well" for i, p in serves)
    assert ("Emergency admissions due to falls", "Ageing well") in linked(result, "measures")
    # what residents said is neither an action nor a measure
    assert not any("help close to home" in s.text for s in result.statements)
    assert_quotes_exact(src, result)


GUIDANCE = "Operational guidance 2027/28\n\n1. Introduction\n\n" + "\n\n".join(
    f"{n}.   Systems should agree plans with their partners that deliver the objectives in this guidance and "
    f"report on them every quarter to their boards." for n in range(1, 7)) + """

2. National priorities

7.   For the year we are asking every system to focus on two national priorities:

       a.   urgent and emergency care
       b.   cancer

3. Urgent and emergency care

8.   Too many patients still wait too long in emergency departments, and ambulances wait too long to hand over.

9.   We ask systems to:

       •  open same day emergency care services for at least 12 hours a day
       •  reduce handover delays

4. Cancer

10.  We ask systems to:

       •  complete the roll-out of lung cancer screening
"""


def test_numbered_paragraphs_are_paragraphs_and_sections_open_the_priorities_they_name():
    src, result = found(GUIDANCE)
    assert sorted(p.label for p in of_type(result, "priority")) == ["cancer", "urgent and emergency care"]
    serves = linked(result, "serves")
    assert any(i.startswith("open same day emergency care") and p == "urgent and emergency care" for i, p in serves)
    assert any(i.startswith("complete the roll-out") and p == "cancer" for i, p in serves)
    assert_quotes_exact(src, result)

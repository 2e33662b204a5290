"""bib/exports: RIS and CSL-JSON records of BibTeX entries, read back as reference managers read them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import rispy
from pybtex.database import parse_string

from neurips_report.bib.exports import csl_item, csl_json, plain, ris, ris_record

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "csl" / "csl-data.json").read_text(encoding="utf-8"))

BIB = r"""
@inproceedings{tactile, title={Tactile Grasping Without {Vision}},
  author={Nguyễn, Thị Hoa and M{\"u}ller, J{\"u}rgen and Ashworth, Zo\"{e} and van der Berg, Pieter and Smith, Jr., John},
  booktitle={Proceedings of the Symposium on Learning Systems}, year={2031}, pages={25--36},
  url={https://sls.example.org/2031/papers/tactile-grasping}, doi={10.0000/sls.2031.25}}
@article{growth, title={How Learning Conferences Grow}, author={Okafor, Chidi},
  journal={Journal of Fictional Meta-Science}, volume={7}, number={2}, pages={101--117}, year={2030}}
@book{equite, title={Apprentissage et équité}, editor={Lefèvre, François}, publisher={Éditions Imaginaires}, year={2029}}
@misc{blog, title={A Blog Post}, author={Lin, Hsuan-Tien}, howpublished={Conference blog}, year={2031}, url={https://x.example/f}}
@unpublished{draft, title={A Draft
   over two lines}, author={Roe, Richard}, year={forthcoming}}
@article{cjk, title={中文标题}, author={王, 小明 and 李, 华}, journal={计算机学报}, volume={4}, pages={1--9}, year={2031}}
"""


@pytest.fixture(scope="module")
def items():
    entries = parse_string(BIB, "bibtex").entries
    return {key: csl_item(key, entry) for key, entry in entries.items()}


def test_a_conference_paper_is_typed_as_one_with_every_field(items):
    item = items["tactile"]
    assert item["type"] == "paper-conference"
    assert [a["family"] for a in item["author"]] == ["Nguyễn", "Müller", "Ashworth", "Berg", "Smith"]
    assert item["author"][0]["given"] == "Thị Hoa" and item["author"][2]["given"] == "Zoë"
    assert item["author"][3]["non-dropping-particle"] == "van der"
    assert item["author"][4]["suffix"] == "Jr."
    assert item["title"] == "Tactile Grasping Without Vision"
    assert item["container-title"] == "Proceedings of the Symposium on Learning Systems"
    assert item["issued"] == {"date-parts": [[2031]]}
    assert item["page"] == "25-36"
    assert item["DOI"] == "10.0000/sls.2031.25" and item["URL"].startswith("https://sls.example.org/")
    record = ris_record(item)
    assert record["type_of_reference"] == "CPAPER"
    assert record["authors"][:2] == ["Nguyễn, Thị Hoa", "Müller, Jürgen"]
    assert record["authors"][3:] == ["van der Berg, Pieter", "Smith, John, Jr."]
    assert (record["start_page"], record["end_page"], record["year"]) == ("25", "36", "2031")
    assert record["secondary_title"] == item["container-title"]


def test_other_types(items):
    assert (items["growth"]["type"], ris_record(items["growth"])["type_of_reference"]) == ("article-journal", "JOUR")
    assert ris_record(items["growth"])["journal_name"] == "Journal of Fictional Meta-Science"
    assert (items["growth"]["volume"], items["growth"]["issue"]) == ("7", "2")
    assert items["equite"]["type"] == "book" and items["equite"]["editor"][0]["family"] == "Lefèvre"
    assert ris_record(items["equite"])["secondary_authors"] == ["Lefèvre, François"]
    assert items["blog"]["type"] == "document" and ris_record(items["blog"])["type_of_reference"] == "GEN"
    assert items["draft"]["title"] == "A Draft over two lines"        # no line break inside an RIS field
    assert items["draft"]["issued"] == {"literal": "forthcoming"}
    assert items["cjk"]["author"][0] == {"family": "王", "given": "小明"}


def test_every_item_validates_against_the_official_schema(items):
    jsonschema.validate(json.loads(csl_json(list(items.values()))), SCHEMA)


def test_ris_reads_back_to_the_same_fields(items):
    ordered = list(items.values())
    back = rispy.loads(ris(ordered))
    assert back == [ris_record(item) for item in ordered]
    assert not ris(ordered).startswith("1.")           # no counter lines: every line is a tag


def test_plain_text_of_latex():
    assert plain(r"{\'E}cole  {Normale}") == "École Normale"
    assert plain(r"Ko{\v{s}}ick{\'a}") == "Košická"
    assert plain("unbalanced {brace") == "unbalanced brace"


def test_plain_text_is_pybtex_text_for_every_field_of_the_real_bibliography():
    """plain() goes through fast_format.rich where it can: the same text as pybtex's Text.from_latex."""
    from pybtex.database import parse_file
    from pybtex.richtext import Text

    entries = parse_file(str(Path(__file__).parents[2] / "content" / "references.bib")).entries
    values = {v for entry in entries.values() for v in entry.fields.values()}
    values |= {" ".join(p.first_names + p.middle_names) for e in entries.values() for ps in e.persons.values() for p in ps}
    values |= {r"{\'E}cole {\"u}ber \& {Gaussian} <b>", "Ko{\\v{s}}ick{\\'a}", "a -- b --- c ``q''"}
    for value in values:
        assert plain(value) == " ".join(Text.from_latex(value).render_as("text").split()), value

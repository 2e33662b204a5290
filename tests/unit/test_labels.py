"""bib/labels: author-year labels with a/b suffixes, cited names per language."""

from __future__ import annotations

import pytest
from pybtex.database import parse_string

from neurips_report.bib.labels import AuthorYearLabelStyle, cited_names, surnames

BIB = r"""
@inproceedings{nguyen2031tactile, title={Tactile Grasping Without Vision},
  author={Nguyễn, Thị Hoa and Müller, Jürgen and Ashworth, Zoë}, booktitle={P}, year={2031}}
@inproceedings{nguyen2031sample, title={On the Sample Complexity of Curricula},
  author={Nguyễn, Thị Hoa and Okafor, Chidi and Schröder, Lena}, booktitle={P}, year={2031}}
@inproceedings{nguyen2030earlier, title={Earlier Work},
  author={Nguyễn, Thị Hoa and Okafor, Chidi and Schröder, Lena}, booktitle={P}, year={2030}}
@inproceedings{dubois2031bounded, title={Bounded Regret}, author={Dubois, Émilie and Mensah, Kwame}, booktitle={P}, year={2031}}
@inproceedings{dubois2031other, title={Another Pair}, author={Dubois, Émilie and Okafor, Chidi}, booktitle={P}, year={2031}}
@book{lefevre2029, title={Apprentissage et équité}, author={Lefèvre, François}, publisher={E}, year={2029}}
@article{okafor2030, title={How Conferences Grow}, author={Okafor, Chidi and van der Berg, Pieter}, journal={J}, year={2030}}
@misc{edited, title={Edited Volume}, editor={Roe, Richard}, year={2028}}
@misc{anon, title={Anonymous}, year={2027}}
"""


@pytest.fixture(scope="module")
def entries():
    return parse_string(BIB, "bibtex").entries


def labels_of(entries, keys):
    return dict(zip(keys, AuthorYearLabelStyle().format_labels([entries[k] for k in keys])))


def test_plain_year_labels(entries):
    keys = ["lefevre2029", "okafor2030", "nguyen2030earlier"]
    assert labels_of(entries, keys) == {"lefevre2029": "2029", "okafor2030": "2030", "nguyen2030earlier": "2030"}


def test_same_first_author_et_al_and_year_get_suffixes_by_title(entries):
    # 'On the Sample ...' sorts before 'Tactile ...', whatever order the entries come in
    keys = ["nguyen2031tactile", "nguyen2031sample"]
    assert labels_of(entries, keys) == {"nguyen2031tactile": "2031b", "nguyen2031sample": "2031a"}
    assert labels_of(entries, keys[::-1]) == {"nguyen2031sample": "2031a", "nguyen2031tactile": "2031b"}


def test_two_author_entries_collide_only_with_the_same_pair(entries):
    keys = ["dubois2031bounded", "dubois2031other"]
    assert labels_of(entries, keys) == {"dubois2031bounded": "2031", "dubois2031other": "2031"}


def test_suffix_letters_continue_after_z(entries):
    from neurips_report.bib.labels import _letters
    assert [_letters(i) for i in (0, 1, 25, 26, 27, 51, 52)] == ["a", "b", "z", "aa", "ab", "az", "ba"]


@pytest.mark.parametrize("key, en, zh", [
    ("lefevre2029", "Lefèvre", "Lefèvre"),
    ("okafor2030", "Okafor and van der Berg", "Okafor 和 van der Berg"),
    ("nguyen2031tactile", "Nguyễn et al.", "Nguyễn 等"),
    ("edited", "Roe", "Roe"),
    ("anon", "Anon.", "Anon."),
])
def test_cited_names_one_two_many(entries, key, en, zh):
    assert cited_names(entries[key], "en") == en
    assert cited_names(entries[key], "zh") == zh


def test_unknown_language_falls_back_to_english_forms(entries):
    assert cited_names(entries["okafor2030"], "fr") == "Okafor and van der Berg"


def test_forms_from_interface_strings_override(entries):
    assert cited_names(entries["okafor2030"], "fr", (" et ", " et al.")) == "Okafor et van der Berg"
    assert cited_names(entries["nguyen2031tactile"], "fr", (" et ", " et al.")) == "Nguyễn et al."


def test_surnames_keep_particles_and_drop_braces():
    entry = parse_string(r"@misc{x, title={T}, year={2031}, author={van Dyk, A. and de la Cruz, Ana and {Müller-Lüdenscheidt}, B}}",
                         "bibtex").entries["x"]
    assert surnames(entry) == ["van Dyk", "de la Cruz", "Müller-Lüdenscheidt"]

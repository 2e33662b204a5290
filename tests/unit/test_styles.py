"""bib/styles: the reference list in English (APA-like) and Chinese (GB/T 7714-like)."""

from __future__ import annotations

import pytest
from pybtex.database import parse_string

from neurips_report.bib.styles import ChineseStyle, EnglishStyle, style_for

BIB = r"""
@inproceedings{tactile, title={Tactile Grasping Without Vision},
  author={Nguyễn, Thị Hoa and Müller, Jürgen and Ashworth, Zoë},
  booktitle={Proceedings of the Symposium on Learning Systems}, year={2031}, pages={25--36},
  url={https://sls.example.org/2031/papers/tactile-grasping}}
@article{growth, title={How Learning Conferences Grow}, author={Okafor, Chidi and van der Berg, Pieter},
  journal={Journal of Fictional Meta-Science}, volume={7}, number={2}, pages={101--117}, year={2030},
  doi={10.0000/jfms.2030.7.2.101}}
@book{equite, title={Apprentissage et équité}, author={Lefèvre, François}, publisher={Éditions Imaginaires}, year={2029}}
@inproceedings{many, title={Many Hands}, author={Alpha, Ann and Beta, Bo and Gamma, Cy and Delta, Di and Łukasiewicz, Jan-Marek},
  booktitle={Proc. Crowds}, year={2031}}
@article{cjk, title={中文标题}, author={王, 小明 and 李, 华}, journal={计算机学报}, volume={4}, pages={1--9}, year={2031}}
@misc{blog, title={A Blog Post}, author={Lin, Hsuan-Tien}, howpublished={Conference blog}, year={2031}, url={https://x.example/f}}
@unpublished{draft, title={A Draft}, author={Roe, Richard}, note={Manuscript}, year={2031}}
"""


@pytest.fixture(scope="module")
def entries():
    return parse_string(BIB, "bibtex").entries


def html(lang, entry, label="2031"):
    return style_for(lang).format_entry(label, entry).text.render_as("html")


def text(lang, entry, label="2031"):
    return style_for(lang).format_entry(label, entry).text.render_as("text")


def test_style_per_language():
    assert isinstance(style_for("en"), EnglishStyle)
    assert isinstance(style_for("zh"), ChineseStyle)
    assert type(style_for("fr")) is EnglishStyle


@pytest.mark.parametrize("key, label, expected", [
    ("tactile", "2031b",
     "Nguyễn, T. H., Müller, J., & Ashworth, Z. (2031b). Tactile Grasping Without Vision. "
     "In Proceedings of the Symposium on Learning Systems (pp. 25–36). https://sls.example.org/2031/papers/tactile-grasping"),
    ("growth", "2030",
     "Okafor, C., & van der Berg, P. (2030). How Learning Conferences Grow. Journal of Fictional Meta-Science, 7(2), 101–117. "
     "https://doi.org/10.0000/jfms.2030.7.2.101"),
    ("equite", "2029", "Lefèvre, F. (2029). Apprentissage et équité. Éditions Imaginaires."),
    ("many", "2031", "Alpha, A., Beta, B., Gamma, C., Delta, D., & Łukasiewicz, J.-M. (2031). Many Hands. In Proc. Crowds."),
    ("blog", "2031", "Lin, H.-T. (2031). A Blog Post. Conference blog. https://x.example/f"),
    ("draft", "2031", "Roe, R. (2031). A Draft. Manuscript."),
])
def test_english_text(entries, key, label, expected):
    assert text("en", entries[key], label) == expected


@pytest.mark.parametrize("key, label, expected", [
    ("tactile", "2031b",
     "NGUYỄN T H, MÜLLER J, ASHWORTH Z. 2031b. Tactile Grasping Without Vision[C]//"
     "Proceedings of the Symposium on Learning Systems: 25–36. https://sls.example.org/2031/papers/tactile-grasping"),
    ("growth", "2030",
     "OKAFOR C, VAN DER BERG P. 2030. How Learning Conferences Grow[J]. Journal of Fictional Meta-Science, 7(2): 101–117. "
     "https://doi.org/10.0000/jfms.2030.7.2.101"),
    ("equite", "2029", "LEFÈVRE F. 2029. Apprentissage et équité[M]. Éditions Imaginaires."),
    ("many", "2031", "ALPHA A, BETA B, GAMMA C, 等. 2031. Many Hands[C]//Proc. Crowds."),
    ("cjk", "2031", "王小明, 李华. 2031. 中文标题[J]. 计算机学报, 4: 1–9."),
    ("blog", "2031", "LIN H-T. 2031. A Blog Post[EB/OL]. Conference blog. https://x.example/f"),
    ("draft", "2031", "ROE R. 2031. A Draft[Z]."),
])
def test_chinese_text(entries, key, label, expected):
    assert text("zh", entries[key], label) == expected


def test_english_html_marks_venue_and_links(entries):
    out = html("en", entries["tactile"], "2031b")
    assert "In <em>Proceedings of the Symposium on Learning Systems</em> (pp. 25–36)." in out
    assert out.endswith('<a href="https://sls.example.org/2031/papers/tactile-grasping">'
                        'https://sls.example.org/2031/papers/tactile-grasping</a>')
    assert "&amp; Ashworth" in out
    book = html("en", entries["equite"], "2029")
    assert book == "Lefèvre, F. (2029). <em>Apprentissage et équité</em>. Éditions Imaginaires."
    assert "<em>Journal of Fictional Meta-Science</em>, <em>7</em>(2)" in html("en", entries["growth"], "2030")


def test_html_escapes_field_text():
    entry = parse_string(r"@misc{x, title={Less <than> \& more}, author={Doe, Jane}, year={2031}}", "bibtex").entries["x"]
    out = html("en", entry)
    assert "<than>" not in out and "&lt;than&gt;" in out


def test_chinese_html_has_no_emphasis(entries):
    assert "<em>" not in html("zh", entries["growth"], "2030")

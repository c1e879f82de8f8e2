"""Property tests (Hypothesis): whatever text, bytes, mutation of a sample, review file or
sequence of edits comes in, only the documented input error (UserError) escapes, the output
is deterministic, every workbook written reads back, and a saved review replays to the same
tables."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.document import parse_document
from core.errors import UserError
from core.export import document_json, write_xlsx
from core.reader import load_text
from core.review import Review
from core.validate import validate, validate_review

from .conftest import SAMPLES

NANCHANG = "nanchang_medical_security_center_2024_budget.txt"
FINAL = "shangrao_medical_security_bureau_2022_final_accounts.txt"

# Text is drawn from what budget documents are made of, so that the generator reaches the
# table readers (titles, codes, amounts, headers) and not only the prose path.
VOCABULARY = ["收支总表", "一般公共预算支出表", "基本支出表", "三公", "经费", "单位：万元", "合计",
              "项目", "本年收入", "本年支出", "科目编码", "科目名称", "基本支出", "项目支出",
              "人员经费", "公用经费", "类", "款", "项", "201", "20101", "2010101", "301", "30201",
              "1,234.56", "0.00", "12", "-3.5", "%", "万元", "元", "第二部分", "一、", "（一）",
              "表1", "公开01表", "情况说明", "增加", "减少", "比", "年", "2024", "占", "\t",
              "  ", " ", "\n", "\n\n", "\f", "[/]", "\x1b]52;c;", "　", "：", "（", "）"]
budget_text = st.lists(st.sampled_from(VOCABULARY) | st.text(max_size=6), max_size=300).map("".join)

# Lines shaped like a disclosure's (titles, units, headers, coded rows of amounts, page numbers,
# prose), in any order and number, so that the table readers and the rules see odd tables.
TITLES = ["2024年部门收支总表", "一般公共预算支出表", "一般公共预算基本支出表", "部门财务收支预算总表",
          "“三公”经费支出预算表", "政府性基金预算支出表", "项目支出表", "收入支出决算总表", "表1 部门收入总表"]
HEADERS = ["项目", "合计", "基本支出", "项目支出", "人员经费", "公用经费", "科目编码", "科目名称", "类", "款",
           "项", "本年收入", "本年支出", "预算数", "决算数", "行次", "金额", "栏次"]
amount = st.decimals(-10**6, 10**7, places=2, allow_nan=False, allow_infinity=False).map(lambda d: f"{d:,}")
code = st.sampled_from(["201", "20101", "2010101", "208", "20805", "2080505", "301", "30101", "302", "[201]"])
name = st.sampled_from(["一般公共服务支出", "行政运行", "社会保障和就业支出", "工资福利支出", "合计", "总计",
                        "其他文化旅游体育与传媒", "支出", "一、一般公共预算拨款收入"])
line = st.one_of(
    st.sampled_from(TITLES), st.just("单位：万元"), st.just("单位：元"),
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8).map(" ".join),
    st.tuples(code, name, st.lists(amount, max_size=8)).map(lambda r: " ".join([r[0], r[1], *r[2]])),
    st.tuples(name, st.lists(amount, max_size=6)).map(lambda r: "  ".join([r[0], *r[1]])),
    st.integers(1, 40).map(str), st.just(""),
    st.tuples(name, amount, amount).map(lambda r: f"{r[0]}{r[1]}万元，比上年增加{r[2]}万元，增长12.5%。"))
budget_lines = st.lists(line, max_size=80).map("\n".join)

PROPERTY = settings()          # the profile of conftest.py ("suite", or `--hypothesis-profile deep`)
SLOW = settings(max_examples=max(5, PROPERTY.max_examples // 4))     # whole samples parsed per example


def read(data: bytes):
    """The document and its findings, or None when the input is refused as documented."""
    try:
        doc = parse_document(load_text(data, "generated.txt"))
    except UserError:
        return None
    return doc, validate(doc)


def snapshot(result) -> str:
    if result is None:
        return "refused"
    doc, findings = result
    return json.dumps([document_json(doc), [f.to_json() for f in findings]], ensure_ascii=False,
                      sort_keys=True, default=str)


@PROPERTY
@given(budget_text | budget_lines)
def test_any_text_is_read_or_refused_and_always_the_same_way(text):
    data = text.encode("utf-8")
    assert snapshot(read(data)) == snapshot(read(data))


@PROPERTY
@given(st.binary(max_size=2000))
@example(b"\x00 \x00 0\x01\x00")          # UTF-16 by its look, an odd byte count
def test_any_bytes_are_read_or_refused_with_a_message(data):
    assert snapshot(read(data)) == snapshot(read(data))      # read() lets only UserError through


def mutate(lines: list[str], rng: random.Random, steps: int) -> list[str]:
    """What extractors and hands do to a document's lines."""
    lines = list(lines)
    for _ in range(steps):
        if not lines:
            break
        i = rng.randrange(len(lines))
        op = rng.randrange(8)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3 and len(lines[i]) > 1:
            cut = rng.randrange(1, len(lines[i]))
            lines[i:i + 1] = [lines[i][:cut], lines[i][cut:]]
        elif op == 4:
            lines.insert(i, str(rng.randrange(1, 60)))                 # a page number
        elif op == 5:
            lines[i] = lines[i].replace("\t", " ").replace("  ", "\t")
        elif op == 6:
            lines = [x for x in lines if x.strip()]
        else:
            lines[i] = lines[i] + " " + lines[rng.randrange(len(lines))]
    return lines


@pytest.fixture(scope="module")
def sample_lines():
    return {name: (SAMPLES / name).read_text(encoding="utf-8").split("\n") for name in (NANCHANG, FINAL)}


@SLOW
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(1, 40), name=st.sampled_from([NANCHANG, FINAL]),
       encoding=st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]))
def test_mutated_samples_are_read_the_same_way_every_time(sample_lines, seed, steps, name, encoding):
    text = "\n".join(mutate(sample_lines[name], random.Random(seed), steps))
    data = text.encode(encoding)
    first = read(data)
    assert first is not None, "a mutated sample is still a document"
    assert snapshot(first) == snapshot(read(data))


@SLOW
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(0, 25))
def test_the_workbook_of_a_mutated_sample_reads_back(sample_lines, tmp_path_factory, seed, steps):
    from openpyxl import load_workbook
    text = "\n".join(mutate(sample_lines[NANCHANG], random.Random(seed), steps))
    doc = parse_document(load_text(text.encode("utf-8"), "mutated.txt"))
    review = Review(doc)
    out = tmp_path_factory.mktemp("book") / "mutated.xlsx"
    findings = validate_review(review)
    write_xlsx(review, findings, out)
    book = load_workbook(out, read_only=True)
    assert {"Findings", "Review log"} <= set(book.sheetnames)
    assert len(list(book["Findings"].iter_rows(values_only=True))) == len(findings) + 1     # a header, a row each
    book.close()


# A review file is JSON someone else may have written: every shape of it is either replayed or
# refused with a UserError, never a traceback, and never an edit applied to another cell.
json_value = st.recursive(st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.text(max_size=8),
                          lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                                      max_size=4),
                          max_leaves=20)
edit_json = st.fixed_dictionaries(
    {"target": st.sampled_from(["cell", "header", "insert_row", "delete_row", "decision", "field", "fact", "x"])},
    optional={"table": json_value | st.integers(-3, 12), "row": json_value | st.integers(-3, 40),
              "col": json_value | st.integers(-3, 12), "old": json_value, "new": json_value,
              "key": json_value, "note": json_value, "time": json_value})


@pytest.fixture(scope="module")
def nanchang(tmp_path_factory):
    path = tmp_path_factory.mktemp("doc") / NANCHANG
    path.write_bytes((SAMPLES / NANCHANG).read_bytes())
    return parse_document(load_text(path.read_bytes(), str(path)))


@PROPERTY
@given(edits=st.lists(edit_json, max_size=8), version=st.sampled_from([1, 2, "1", None]))
def test_any_review_file_is_replayed_or_refused(nanchang, tmp_path_factory, edits, version):
    path = tmp_path_factory.mktemp("review") / "doc.review.json"
    blank = Review(nanchang, path).to_json()
    blank.update(version=version if version is not None else blank["version"], edits=edits)
    path.write_text(json.dumps(blank), encoding="utf-8")
    try:
        review = Review.open(nanchang, path)
    except UserError:
        return
    for edit in review.edits:                 # what was replayed addresses a real cell
        if edit.target == "cell":
            table = review.corrected().tables[edit.table]
            assert 0 <= edit.row < len(table.rows) and 0 <= edit.col < len(table.columns)
    validate_review(review)


operation = st.one_of(
    st.tuples(st.just("cell"), st.integers(0, 11), st.integers(0, 30), st.integers(0, 9),
              st.sampled_from(["1.00", "", "580.13", "合计", "x[/]"])),
    st.tuples(st.just("header"), st.integers(0, 11), st.integers(0, 9), st.just(0), st.just("新列")),
    st.tuples(st.just("insert_row"), st.integers(0, 11), st.integers(0, 30), st.just(0), st.just("")),
    st.tuples(st.just("delete_row"), st.integers(0, 11), st.integers(0, 30), st.just(0), st.just("")),
    st.tuples(st.sampled_from(["undo", "redo"]), st.just(0), st.just(0), st.just(0), st.just("")))


def run(review: Review, op: tuple) -> None:
    kind, table, row, col, text = op
    tables = review.corrected().tables
    if kind in ("undo", "redo"):
        getattr(review, kind)()
        return
    if table >= len(tables):
        return
    width, height = len(tables[table].columns), len(tables[table].rows)
    if kind == "cell" and row < height and col < width:
        review.set_cell(table, row, col, text)
    elif kind == "header" and row < width:
        review.set_header(table, row, text)
    elif kind == "insert_row" and row <= height:
        review.insert_row(table, row)
    elif kind == "delete_row" and row < height:
        review.delete_row(table, row)


@PROPERTY
@given(st.lists(operation, max_size=25))
def test_any_sequence_of_edits_saves_and_replays_to_the_same_tables(nanchang, tmp_path_factory, ops):
    path: Path = tmp_path_factory.mktemp("edits") / "doc.review.json"
    review = Review(nanchang, path)
    for op in ops:
        run(review, op)
    review.save()
    again = Review.open(nanchang, path)
    assert again.set_aside == []
    assert document_json(again.corrected()) == document_json(review.corrected())

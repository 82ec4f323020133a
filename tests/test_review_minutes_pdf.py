"""The order review as its users reach it on the running server: the review minutes printed as a
PDF (in the company's language), and each reviewer writing only their own department's verdict
over JSON-RPC. Works on the demo's review of Lyon's custom order."""

import io

import pytest
from PyPDF2 import PdfReader
from test_acknowledgment_pdf import _session


def _lyon_review(rpc):
    reviews = rpc.call(
        "order.review",
        "search_read",
        [("order_id.client_order_ref", "=", "MDI-PO-2026-031")],
        ["id", "name", "state"],
    )
    assert reviews, "the demo's review of Lyon's custom order"
    return reviews[0]


def _minutes(server, opener, kind, review_id):
    url, _db = server
    with opener.open(
        f"{url}/report/{kind}/order_review.report_order_review_minutes/{review_id}", timeout=120
    ) as response:
        return response.headers["Content-Type"], response.read()


def test_reviewer_prints_the_minutes_in_english_then_chinese(server, login):
    admin = login("admin")
    review = _lyon_review(admin)
    reviewer = _session(server, "reviewer")
    content_type, pdf = _minutes(server, reviewer, "pdf", review["id"])
    assert content_type == "application/pdf"
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1
    _content_type, html = _minutes(server, reviewer, "html", review["id"])
    text = html.decode()
    assert "Order Review Minutes" in text
    assert review["name"] in text
    assert "Two lots: 150 pieces by the delivery date" in text, "PMC's conditions"
    [company] = admin.call("res.users", "read", [admin.uid], ["company_id"])
    [partner] = admin.call("res.company", "read", [company["company_id"][0]], ["partner_id"])
    partner_id = partner["partner_id"][0]
    [before] = admin.call("res.partner", "read", [partner_id], ["lang"])
    admin.call("res.partner", "write", [partner_id], {"lang": "zh_CN"})
    try:
        _content_type, pdf = _minutes(server, reviewer, "pdf", review["id"])
        chinese = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    finally:
        admin.call("res.partner", "write", [partner_id], {"lang": before["lang"]})
    assert "订单评审记录" in chinese, chinese[:400]


def test_each_reviewer_writes_only_their_departments_verdict_over_rpc(login):
    admin = login("admin")
    review = _lyon_review(admin)
    verdicts = admin.call(
        "order.review.verdict",
        "search_read",
        [("review_id", "=", review["id"])],
        ["department_id", "reviewer_ids", "verdict"],
    )
    by_code = {}
    for verdict in verdicts:
        [department] = admin.call(
            "order.review.department", "read", [verdict["department_id"][0]], ["code"]
        )
        by_code[department["code"]] = verdict
    materials = by_code["MAT"]
    assert materials["verdict"] == "pending"
    reviewer = login("reviewer")  # Sales, Design, Quality, Warehouse, Finance; not Materials
    with pytest.raises(AssertionError, match=r"AccessError|not allowed|Only the reviewers"):
        reviewer.call(
            "order.review.verdict", "write", [materials["id"]], {"conditions": "not mine"}
        )
    with pytest.raises(AssertionError, match=r"AccessError|Only the reviewers"):
        reviewer.call("order.review.verdict", "action_approve", [materials["id"]])
    planner = login("planner")  # PMC, Materials, Purchasing
    with pytest.raises(AssertionError, match=r"AccessError|given with the buttons"):
        planner.call("order.review.verdict", "write", [materials["id"]], {"verdict": "approve"})
    planner.call("order.review.verdict", "write", [materials["id"]], {"note": "Lace in stock"})
    [after] = admin.call("order.review.verdict", "read", [materials["id"]], ["note", "verdict"])
    assert after == {"id": materials["id"], "note": "Lace in stock", "verdict": "pending"}

"""The planning and archive documents as their users print them from the running server: the
production notice (clerk), the daily production report (planner) and the chain verification
report (archivist), each a real PDF, in English, then in Chinese after the user switched
their language. Works on the demo's documents.

wkhtmltopdf's Latin web font carries no character map, so the English text is read from the
HTML rendering of the same report; the Chinese text from the PDF itself."""

import io

from PyPDF2 import PdfReader
from test_acknowledgment_pdf import _session


def _fetch(server, opener, kind, report, record_id):
    url, _db = server
    with opener.open(f"{url}/report/{kind}/{report}/{record_id}", timeout=120) as response:
        return response.headers["Content-Type"], response.read()


def _print_both_ways(server, login, user, report, record_id, english, chinese):
    admin = login("admin")
    [uid] = admin.call("res.users", "search", [("login", "=", user)])
    [before] = admin.call("res.users", "read", [uid], ["lang"])
    admin.call("res.users", "write", [uid], {"lang": "en_US"})
    try:
        opener = _session(server, user)
        content_type, pdf = _fetch(server, opener, "pdf", report, record_id)
        assert content_type == "application/pdf", report
        assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1
        _content_type, html = _fetch(server, opener, "html", report, record_id)
        assert english in html.decode(), report
        admin.call("res.users", "write", [uid], {"lang": "zh_CN"})
        opener = _session(server, user)
        _content_type, pdf = _fetch(server, opener, "pdf", report, record_id)
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        assert chinese in text, (report, text[:400])
    finally:
        admin.call("res.users", "write", [uid], {"lang": before["lang"]})


def test_clerk_prints_a_production_notice(server, login):
    notices = login("clerk").call(
        "mrp.production.notice", "search_read", [("state", "=", "issued")], ["name"], limit=1
    )
    assert notices, "the demo's issued production notices"
    _print_both_ways(
        server,
        login,
        "clerk",
        "mrp_planning.report_production_notice",
        notices[0]["id"],
        f"Production Notice <span>{notices[0]['name']}</span>",
        "生产通知单",
    )


def test_planner_prints_the_daily_report(server, login):
    reports = login("planner").call("mrp.daily.report", "search_read", [], ["date"], limit=1)
    assert reports, "the demo's daily report"
    _print_both_ways(
        server,
        login,
        "planner",
        "mrp_planning.report_daily_production",
        reports[0]["id"],
        "Daily Production Report",
        "生产日报",
    )


def test_archivist_prints_the_chain_verification(server, login):
    archivist = login("archivist")
    chains = archivist.call(
        "order.archive.chain", "search_read", [("company_id", "=", 1)], ["last_verification_id"]
    )
    assert chains and chains[0]["last_verification_id"], "the demo's verified chain"
    _print_both_ways(
        server,
        login,
        "archivist",
        "order_archive.report_verification",
        chains[0]["last_verification_id"][0],
        "Archive Chain Verification",
        "档案哈希链校验",
    )

"""The order acknowledgment as a user prints it: a PDF from the running server (wkhtmltopdf
fetches the report's styles from the server, so this runs against a live one), in the
customer's language."""

import http.cookiejar
import io
import json
import urllib.request

from PyPDF2 import PdfReader


def _session(server, login):
    """An opener holding the web session of ``login`` (password = login, as in the demo)."""
    url, db = server
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    payload = {"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": login}}
    request = urllib.request.Request(
        f"{url}/web/session/authenticate",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=60) as response:
        assert json.load(response).get("result", {}).get("uid"), f"{login} could not log in"
    return opener


def _report(server, opener, kind, order_id):
    url, _db = server
    with opener.open(
        f"{url}/report/{kind}/order_intake.report_order_acknowledgment/{order_id}", timeout=120
    ) as response:
        return response.headers["Content-Type"], response.read()


def _pdf_text(server, opener, order_id):
    """The text of the PDF. Only what is set in the Chinese font comes out: the Latin web font
    wkhtmltopdf embeds carries no character map."""
    content_type, pdf = _report(server, opener, "pdf", order_id)
    assert content_type == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(page.extract_text() for page in reader.pages)


def _order_for(admin, name, lang):
    partner = admin.call("res.partner", "create", {"name": name, "lang": lang})
    product = admin.call(
        "product.product", "search", [("default_code", "=", "BRA-SPORT-M")], limit=1
    )
    assert product, "the demo's sports bra"
    return admin.call(
        "sale.order",
        "create",
        {
            "partner_id": partner,
            "client_order_ref": f"ACK-{lang}",
            "intake_packaging_terms": "12 pieces per carton",
            "order_line": [(0, 0, {"product_id": product[0], "product_uom_qty": 10})],
        },
    )


def test_clerk_prints_the_acknowledgment_in_english(server, login):
    admin = login("admin")
    order = _order_for(admin, "Lyon Lingerie Import (ack)", "en_US")
    admin.call("sale.order", "action_intake_send_acknowledgment", [order])
    clerk = _session(server, "clerk")
    _pdf_text(server, clerk, order)
    _content_type, html = _report(server, clerk, "html", order)
    text = html.decode()
    assert "Order Acknowledgment" in text
    assert "ACK-en_US" in text
    assert "12 pieces per carton" in text
    [values] = admin.call("sale.order", "read", [order], ["name"])
    assert values["name"] in text


def test_chinese_customer_gets_it_in_chinese(server, login):
    admin = login("admin")
    order = _order_for(admin, "杭州丝绸内衣店", "zh_CN")
    text = _pdf_text(server, _session(server, "clerk"), order)
    assert "订单确认书" in text, text[:400]
    assert "元" in text, "the total in Chinese capital numerals"

# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

DOCUMENT_TYPES = [
    ("sale_order", "Sales Orders"),
    ("purchase_order", "Purchase Orders"),
    ("production", "Manufacturing Orders"),
    ("delivery", "Deliveries"),
    ("invoice", "Invoices"),
    ("review", "Order Reviews"),
    ("change_notice", "Change Notices"),
    ("rush_request", "Rush Requests"),
    ("closeout", "Close-outs"),
]


class OrderArchivePolicy(models.Model):
    """How long after its closing a document is archived, how long its archive is kept and
    what happens to its live records at expiry. The sales-order policy decides which orders
    are archived (their snapshot holds the order's other documents)."""

    _name = "order.archive.policy"
    _description = "Retention Policy"
    _order = "company_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    document_type = fields.Selection(DOCUMENT_TYPES, required=True, default="sale_order")
    archive_after_days = fields.Integer(
        string="Archive After (days)",
        default=90,
        required=True,
        help="Days after the order's closing (its close-out date, or the last delivery or "
        "invoice of a fully delivered and invoiced order) before it is archived.",
    )
    keep_years = fields.Integer(
        string="Keep (years)",
        default=10,
        required=True,
        help="Years the archive is kept after the order's closing; then an Archive Manager "
        "approves the expiry action.",
    )
    expiry_action = fields.Selection(
        [("purge", "Purge the live records"), ("anonymise", "Anonymise the personal data")],
        default="anonymise",
        required=True,
        help="At the approved expiry, both delete the documents' messages and stored files, "
        "blank their personal data and anonymise the contacts no other live document uses. "
        "Purge also deletes the records Odoo lets go: the sales order with its lines and the "
        "suite's documents of it. Deliveries, manufacturing orders, purchase orders and "
        "invoices are the stock's and the books' history: they are never deleted.",
    )

    _sql_constraints = [
        (
            "document_type_company_uniq",
            "unique(company_id, document_type)",
            "A company has one retention policy per document type.",
        ),
        (
            "days_positive",
            "CHECK(archive_after_days >= 0 AND keep_years >= 1)",
            "Archive after zero days or more, and keep the archive a year or more.",
        ),
    ]

    @api.model
    def _sale_policies(self, companies):
        """{company id: its active sales-order policy} for the companies archiving orders."""
        policies = self.search(
            [
                ("company_id", "in", companies.filtered("oa_archive_orders").ids),
                ("document_type", "=", "sale_order"),
            ]
        )
        return {policy.company_id.id: policy for policy in policies}

# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

DELAY_STAGES = [
    ("material", "Material Arrival"),
    ("production_start", "Production Start"),
    ("production_finish", "Production Finish"),
    ("shipping", "Shipping"),
    ("review", "Order Review"),
    ("approval", "Approval"),
]
# The thresholds a company gets when it turns delay alerts on: (stage, tolerance, lookahead).
DEFAULT_THRESHOLDS = [
    ("material", 0.0, False),
    ("production_start", 1.0, False),
    ("production_finish", 1.0, True),
    ("shipping", 0.0, True),
    ("review", 3.0, False),
    ("approval", 2.0, False),
]


class MrpDelayThreshold(models.Model):
    """When a stage of an order counts as late, per company: the days of tolerance beyond
    the date it is held to, and whether what will be late (a planned date after the one
    promised) is raised before it happens."""

    _name = "mrp.delay.threshold"
    _description = "Delay Alert Threshold"
    _order = "company_id, id"

    stage = fields.Selection(DELAY_STAGES, required=True)
    active = fields.Boolean(default=True)
    tolerance_days = fields.Float(
        string="Tolerance (days)",
        default=0.0,
        help="Late only beyond this many days. For order review and approval: the days a "
        "document may wait before it is late.",
    )
    lookahead = fields.Boolean(
        string="Raise Before It Happens",
        help="Production finish and shipping: also raise what will be late, e.g. a planned "
        "finish after the deadline or a delivery scheduled after the promised date. Material "
        "arrival always looks ahead (a receipt planned after the work needs it).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        (
            "stage_company_uniq",
            "unique(stage, company_id)",
            "A company has one threshold per stage.",
        ),
    ]

    @api.constrains("tolerance_days")
    def _check_tolerance(self):
        for threshold in self:
            if threshold.tolerance_days < 0:
                raise ValidationError(
                    self.env._(
                        "The tolerance of %(stage)s is negative: give zero days or more.",
                        stage=dict(self._fields["stage"]._description_selection(self.env))[
                            threshold.stage
                        ],
                    )
                )

    @api.depends("stage", "company_id")
    def _compute_display_name(self):
        labels = dict(self._fields["stage"]._description_selection(self.env))
        for threshold in self:
            threshold.display_name = labels.get(threshold.stage, "")

    @api.model
    def _ensure_company_thresholds(self, companies):
        """Give ``companies`` the default threshold of each stage they do not have yet
        (archived ones count: a stage turned off stays off)."""
        existing = {
            (threshold.company_id.id, threshold.stage)
            for threshold in self.with_context(active_test=False).search(
                [("company_id", "in", companies.ids)]
            )
        }
        self.create(
            [
                {
                    "company_id": company.id,
                    "stage": stage,
                    "tolerance_days": tolerance,
                    "lookahead": lookahead,
                }
                for company in companies
                for stage, tolerance, lookahead in DEFAULT_THRESHOLDS
                if (company.id, stage) not in existing
            ]
        )

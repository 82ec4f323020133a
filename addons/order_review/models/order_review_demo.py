# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

DEMO_POLICIES = (
    "order_review_enabled",
    "order_approval_sale",
    "order_approval_purchase",
    "order_change_lock",
)


class OrderReview(models.Model):
    """The demo's story of reviews and approvals, played by the demo users themselves (each
    verdict and decision goes through the same checks as in the web client). Called from the
    demo data only."""

    _inherit = "order.review"

    @api.model
    def _demo_users(self):
        ref = self.env.ref
        return {
            role: ref(f"order_intake.user_demo_{role}")
            for role in ("clerk", "reviewer", "planner", "approver")
        }

    @api.model
    def _demo_give(self, review, verdicts, approve_others=False):
        """{department xmlid: (user, verdict, text, difficult)} given in that order; then,
        with ``approve_others``, every other department approves."""
        items = list(verdicts.items())
        if approve_others:
            given = {self.env.ref(f"order_review.{x}") for x in verdicts}
            for line in review.verdict_ids.filtered(lambda v: v.department_id not in given):
                xmlid = line.department_id.get_external_id()[line.department_id.id].split(".")[1]
                items.insert(0, (xmlid, (line.reviewer_ids[-1], "approve", None, False)))
        for xmlid, (user, verdict, text, difficult) in items:
            line = review.verdict_ids.filtered(
                lambda v, x=xmlid: v.department_id == self.env.ref(f"order_review.{x}")
            )
            line.with_user(user)._give(
                verdict,
                conditions=text if verdict == "conditions" else None,
                reason=text if verdict == "reject" else None,
                difficult=difficult,
            )

    @api.model
    def _demo_story(self):
        """Play the story with the policies on, then leave the company as installed: Odoo's
        own tests (and the suite's) run on databases with this demo data and expect standard
        behaviour. ``scripts/run`` turns the policies on for the demo server
        (``_demo_policies_on``)."""
        company = self.env.ref("base.main_company")
        flags = {name: company[name] for name in DEMO_POLICIES}
        # Odoo keeps the Make To Order route archived (its own tests check it is): the custom
        # order of the story is made to order, so the route is on while the story plays.
        mto = self.env.ref("stock.route_warehouse0_mto")
        mto_active = mto.active
        self._demo_policies_on()
        mto.active = True
        # the demo's mail goes to the queue, never out (no mail server in a demo)
        self.with_context(mail_notify_force_send=False)._demo_play()
        mto.active = mto_active
        company.write(flags)
        return True

    @api.model
    def _demo_policies_on(self):
        self.env.ref("base.main_company").write(dict.fromkeys(DEMO_POLICIES, True))
        return True

    @api.model
    def _demo_play(self):
        ref = self.env.ref
        users = self._demo_users()
        for xmlid, role in (
            ("department_sales", "reviewer"),
            ("department_design", "reviewer"),
            ("department_quality", "reviewer"),
            ("department_warehouse", "reviewer"),
            ("department_finance", "reviewer"),
            ("department_pmc", "planner"),
            ("department_materials", "planner"),
            ("department_purchasing", "planner"),
        ):
            ref(f"order_review.{xmlid}").member_ids = [Command.link(users[role].id)]
        Order = self.env["sale.order"]
        clerk, reviewer, planner, approver = (
            users["clerk"],
            users["reviewer"],
            users["planner"],
            users["approver"],
        )

        # 1. Lyon's custom bras: in review, three departments have spoken
        lyon = ref("order_intake.demo_order_lyon_sent").with_user(clerk)
        lyon.action_review_submit()
        review = lyon.review_id
        review.sudo().write(
            {
                "process_requirements": "<p>Chantilly lace cups, scalloped edge; "
                "double-needle stitching on the band; care label in French and English.</p>"
            }
        )
        self._demo_give(
            review,
            {
                "department_sales": (reviewer, "approve", None, False),
                "department_design": (
                    reviewer,
                    "conditions",
                    "Customer's own lace pattern: pre-production sample to be confirmed "
                    "before cutting.",
                    False,
                ),
                "department_pmc": (
                    planner,
                    "conditions",
                    "Two lots: 150 pieces by the delivery date, 150 two weeks later.",
                    False,
                ),
            },
        )
        review.sudo().sample_state = "sent"

        # 2. A custom order of Hangzhou: approved by every department, then confirmed; its
        # lace bras are made to order (a manufacturing order of the bill of materials), its
        # seamless bras delivered from stock
        lace = ref("order_intake.demo_product_bra_lace_75b")
        lace.route_ids = [Command.set(ref("mrp.route_warehouse0_manufacture").ids)]
        hangzhou = Order.with_user(clerk).create(
            {
                "partner_id": ref("order_intake.demo_partner_hangzhou_shop").id,
                "intake_type_id": ref("order_intake.order_type_custom").id,
                "client_order_ref": "HZ-CUSTOM-0412",
                "order_line": [
                    Command.create(
                        {
                            "product_id": lace.id,
                            "product_uom_qty": 80,
                            "route_id": ref("stock.route_warehouse0_mto").id,
                        }
                    ),
                    Command.create(
                        {
                            "product_id": ref("order_intake.demo_product_bra_seamless_80c").id,
                            "product_uom_qty": 40,
                        }
                    ),
                ],
            }
        )
        hangzhou.action_review_submit()
        self._demo_give(
            hangzhou.review_id,
            {
                "department_sales": (reviewer, "approve", None, False),
                "department_design": (reviewer, "approve", None, False),
                "department_pmc": (planner, "approve", None, False),
                "department_materials": (planner, "approve", None, False),
                "department_quality": (
                    reviewer,
                    "conditions",
                    "AQL 2.5 inspection before packing.",
                    False,
                ),
            },
            approve_others=True,
        )
        hangzhou.action_confirm()

        # 3. A custom order of Chengdu: Materials rejects, leadership decides
        chengdu = Order.with_user(clerk).create(
            {
                "partner_id": ref("order_intake.demo_partner_chengdu_boutique").id,
                "intake_type_id": ref("order_intake.order_type_custom").id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": ref("order_intake.demo_product_bra_seamless_80c").id,
                            "product_uom_qty": 500,
                        }
                    )
                ],
            }
        )
        chengdu.action_review_submit()
        self._demo_give(
            chengdu.review_id,
            {
                "department_sales": (reviewer, "approve", None, False),
                "department_design": (reviewer, "approve", None, False),
                "department_pmc": (planner, "approve", None, True),
                "department_materials": (
                    planner,
                    "reject",
                    "Spacer fabric is out of stock until next month.",
                    False,
                ),
            },
            approve_others=True,
        )

        # 4. A repeat order (返单) of Shanghai: signed off by leadership, confirmed
        shanghai = ref("order_intake.demo_order_shanghai_confirmed").with_user(clerk)
        repeat = Order.browse(shanghai.action_intake_repeat()["res_id"]).with_user(clerk)
        repeat.write(
            {"client_order_ref": "PEARL-8890", "commitment_date": shanghai.commitment_date}
        )
        repeat.order_line.product_uom_qty = 150
        repeat.action_review_submit()
        repeat.review_id.with_user(approver)._approval_decide(True, "Same as last season: go.")
        repeat.action_confirm()

        # 5. A large purchase of lace: reviewed by purchasing, waiting for leadership
        planner.groups_id = [Command.link(ref("purchase.group_purchase_user").id)]
        purchase = (
            self.env["purchase.order"]
            .with_user(planner)
            .create(
                {
                    "partner_id": ref("order_review.demo_supplier_lace_review").id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": ref("order_intake.demo_product_lace_chantilly").id,
                                "product_qty": 9000,
                                "price_unit": 6.5,
                            }
                        )
                    ],
                }
            )
        )
        purchase.action_approval_submit()
        purchase.with_user(ref("base.user_admin"))._approval_decide(
            True, "Price as in the yearly contract."
        )

        # 6. Change notices on Hangzhou's confirmed custom order
        self._demo_change_notices(hangzhou.with_user(clerk), users)
        return True

    @api.model
    def _demo_sign(self, notice, users, comments, until_kind=None):
        """Sign the levels of the notice's current round in turn, each by the demo user
        among its approvers (the department's member, the approver for leadership), else by
        its first approver (a department's leader, the administrator); stop before the
        first level of kind ``until_kind``."""
        demo_signers = [users["planner"], users["reviewer"], users["approver"]]
        # the default levels: the departments concerned in their order, then leadership
        codes = notice.sudo().department_ids.sorted(lambda d: (d.sequence, d.id)).mapped("code")
        while notice.approval_state == "pending":
            request = notice.sudo().approval_request_id
            step = request.current_step_id
            if until_kind and step.kind == until_kind:
                break
            approvers = step.approver_user_ids
            signer = next((u for u in demo_signers if u in approvers), approvers[:1])
            index = request.step_ids.sorted(lambda s: (s.sequence, s.id)).ids.index(step.id)
            code = codes[index] if step.kind == "review" and index < len(codes) else step.kind
            comment = comments.get(code, "")
            notice.with_user(signer)._approval_decide(True, comment)

    @api.model
    def _demo_change_notices(self, order, users):
        """The customer of a confirmed custom order asks for more lace bras, later: a change
        notice raised by the clerk, signed by the departments concerned and leadership, and
        applied (revision 1; the manufacturing order makes the new quantity). Then a price
        change of the other line, asked by the customer's letter: Finance signed, it waits
        for leadership."""
        Notice = self.env["order.change.notice"].with_user(users["clerk"])
        lace = self.env.ref("order_intake.demo_product_bra_lace_75b")
        today = fields.Date.context_today(self)

        notice = Notice.create(
            {
                "order_id": order.id,
                "requested_by": "customer",
                "customer_reference": "HZ-CHG-0502",
                "reason": "The customer's spring campaign sells well: 40 more lace bras, "
                "delivered two weeks later so that they ship together.",
            }
        )
        line = notice.line_ids.filtered(lambda ln: ln.product_id == lace)
        promised = (
            line.old_promised_date
            or order.order_line.filtered(lambda ln: ln.product_id == lace).move_ids[:1].date.date()
        )
        line.write(
            {
                "new_qty": line.old_qty + 40,
                "new_promised_date": max(promised, today) + timedelta(14),
            }
        )
        notice.action_submit()
        self._demo_sign(
            notice,
            users,
            {
                "PMC": "Sewing line 2 takes the 40 more; the manufacturing order grows.",
                "PUR": "Lace and elastic for 40 more bras are in stock.",
                "WH": "One shipment, two weeks later.",
                "FIN": "Same price; the deposit covers the larger amount.",
                "approval": "Agreed with the customer: go.",
            },
        )
        if notice.state != "applied":
            raise UserError(
                self.env._(
                    "Demo change notice %(notice)s was not applied: %(error)s",
                    notice=notice.name,
                    error=notice.apply_error,
                )
            )

        seamless = order.order_line.filtered(lambda ln: ln.product_id != lace)[:1]
        notice = Notice.create(
            {
                "order_id": order.id,
                "requested_by": "customer",
                "customer_reference": "HZ-CHG-0517",
                "reason": "The customer's letter: the seamless bras at the price of the yearly "
                "contract.",
            }
        )
        line = notice.line_ids.filtered(lambda ln: ln.order_line_id == seamless)
        line.new_price = round(line.old_price * 0.93)  # the yearly contract's price
        notice.action_submit()
        self._demo_sign(
            notice,
            users,
            {"FIN": "Contract price confirmed; the margin stays above 30 %."},
            until_kind="approval",
        )
        return True

    @api.model
    def _demo_approve(self, model, ids):
        """Take documents of the demo through their approval (submitted by the planner,
        each level decided by its first approver), e.g. before the demo confirms them."""
        users = self._demo_users()
        quiet = self.env[model].with_context(mail_notify_force_send=False)
        company = self.env.ref("base.main_company")
        flags = {name: company[name] for name in DEMO_POLICIES}
        self._demo_policies_on()
        for document in quiet.browse(ids):
            if not document._approval_enabled() or not document._get_approval_policies():
                continue
            document.with_user(users["planner"]).action_approval_submit()
            while document.approval_state == "pending":
                step = document.approval_request_id.current_step_id
                document.with_user(step.approver_user_ids[0])._approval_decide(True)
        company.write(flags)
        return True

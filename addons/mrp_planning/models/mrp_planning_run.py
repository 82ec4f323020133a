# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import time
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.order_intake.services.locking import lock_key

from ..services import mrp_engine

_logger = logging.getLogger(__name__)

# Key of the advisory lock that keeps two runs of one company apart (with the company's id).
RUN_LOCK_KEY = 7_310_010

# Moves that are open supply or demand (Odoo's own forecast counts the same states).
OPEN_MOVE_STATES = ("confirmed", "waiting", "partially_available", "assigned")
RFQ_STATES = ("draft", "sent", "to approve")


class MrpPlanningRun(models.Model):
    """One run of material requirements planning for a company: what it read, the planned
    orders it proposed and the exceptions it found. A rerun replaces the proposals that were
    not confirmed; the whole run is one transaction, so an interrupted run leaves the previous
    proposals as they were."""

    _name = "mrp.planning.run"
    _description = "MRP Run"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, default="/", copy=False)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users", string="Run By", readonly=True, default=lambda self: self.env.user
    )
    trigger = fields.Selection(
        [("manual", "Planner"), ("cron", "Scheduled"), ("job", "Background Job")],
        default="manual",
        readonly=True,
        required=True,
    )
    date_start = fields.Datetime(string="Started", readonly=True)
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(16, 2))
    plan_date = fields.Date(
        string="Planned From", readonly=True, help="The day the run planned from."
    )
    demand_count = fields.Integer(string="Demands", readonly=True)
    supply_count = fields.Integer(string="Open Supplies", readonly=True)
    product_count = fields.Integer(string="Products", readonly=True)
    planned_order_ids = fields.One2many("mrp.planning.order", "run_id", string="Planned Orders")
    planned_order_count = fields.Integer(compute="_compute_counts")
    exception_ids = fields.One2many("mrp.planning.exception", "run_id", string="Exceptions")
    exception_count = fields.Integer(compute="_compute_counts")

    def _compute_counts(self):
        orders = dict(
            self.env["mrp.planning.order"]._read_group(
                [("run_id", "in", self.ids)], ["run_id"], ["__count"]
            )
        )
        exceptions = dict(
            self.env["mrp.planning.exception"]._read_group(
                [("run_id", "in", self.ids)], ["run_id"], ["__count"]
            )
        )
        for run in self:
            run.planned_order_count = orders.get(run, 0)
            run.exception_count = exceptions.get(run, 0)

    # Entry points ----------------------------------------------------------------------------
    @api.model
    def action_run_mrp(self):
        """Menu entry: run MRP for the current company and open the proposals, or queue the
        run on the job workers when the company runs it in the background."""
        company = self.env.company
        if self._mrp_in_background(company):
            self._check_planner()
            self._enqueue_run(company)
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "title": self.env._("MRP run queued"),
                    "message": self.env._(
                        "The run of %(company)s goes to the job workers; its proposals appear "
                        "in Planned Orders when it is done.",
                        company=company.name,
                    ),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        run = self._run_mrp(company, trigger="manual")
        return run.action_view_planned_orders()

    @api.model
    def _cron_run_mrp(self):
        for company in self.env["res.company"].search([("active", "=", True)]):
            if self._mrp_in_background(company):
                self._enqueue_run(company)
            else:
                self.with_company(company)._run_mrp(company, trigger="cron")

    @api.model
    def _mrp_in_background(self, company):
        """Runs go to OCA's job queue when it is installed and the company asks for it."""
        return company.mrp_planning_in_background and hasattr(self, "with_delay")

    @api.model
    def _enqueue_run(self, company):
        # One queued run per company: a second click while one waits adds nothing.
        return (
            self.with_company(company)
            .with_delay(
                description=self.env._("MRP run of %(company)s", company=company.name),
                identity_key=f"mrp_planning.run.{company.id}",
            )
            ._run_mrp_job(company.id)
        )

    @api.model
    def _run_mrp_job(self, company_id):
        """The background job: the same run, started by the job worker."""
        company = self.env["res.company"].browse(company_id)
        return self.with_company(company)._run_mrp(company, trigger="job").name

    @api.model
    def _run_mrp(self, company, trigger="manual"):
        self._check_planner()
        self._lock_company(company)
        started = time.perf_counter()
        run = self.create(
            {
                "company_id": company.id,
                "trigger": trigger,
                "date_start": fields.Datetime.now(),
                "name": self.env["ir.sequence"]
                .with_company(company)
                .next_by_code("mrp.planning.run")
                or "/",
            }
        )
        data = run._collect()
        plan = mrp_engine.plan(
            data["products"],
            data["boms"],
            data["demands"],
            data["supplies"],
            data["settings"],
            safety=data["safety"],
            multiples=data["multiples"],
        )
        run._replace_proposals(plan, data)
        run.write(
            {
                "duration": time.perf_counter() - started,
                "plan_date": data["settings"].today,
                "demand_count": len(data["demands"]),
                "supply_count": len(data["supplies"]),
                "product_count": len(data["products"]),
            }
        )
        _logger.info(
            "MRP run %s: %d demands, %d supplies, %d planned orders, %d exceptions in %.2fs",
            run.name,
            len(data["demands"]),
            len(data["supplies"]),
            len(plan.planned_orders),
            len(plan.exceptions),
            run.duration,
        )
        return run

    def _check_planner(self):
        if not (self.env.su or self.env.user.has_group("order_intake.group_order_planner")):
            raise UserError(self.env._("Only planners (PMC) run material requirements planning."))

    def _lock_company(self, company):
        """One run per company at a time: a second one is refused at once, not queued."""
        lock_key(
            self.env.cr,
            RUN_LOCK_KEY,
            company.id,
            lambda: self.env._(
                "An MRP run for %(company)s is in progress. Wait for it to finish, then open "
                "its proposals or run again.",
                company=company.name,
            ),
        )

    # Reading ---------------------------------------------------------------------------------
    def _collect(self):
        """Demand, supply, bills of materials and vendors of the company, in a fixed number of
        queries, as the engine's plain data."""
        self.ensure_one()
        # The reads below are SQL: what the ORM holds in memory goes to the database first.
        self.env.flush_all()
        cr = self.env.cr
        company = self.company_id
        today = fields.Date.context_today(self)
        settings = mrp_engine.Settings(
            today=today,
            po_lead=round(company.po_lead + company.days_to_purchase),
            mo_lead=round(company.manufacturing_lead),
        )
        warehouse_ids = self.env["stock.warehouse"].search([("company_id", "=", company.id)]).ids
        if not warehouse_ids:
            return {
                "products": {},
                "boms": {},
                "demands": [],
                "supplies": [],
                "settings": settings,
                "safety": {},
                "multiples": {},
                "uom": {},
            }
        demands, supplies = [], []

        # 1. Demand: lines of issued production notices, still to deliver (product unit).
        cr.execute(
            SQL(
                """
                SELECT sol.id, sol.product_id, so.warehouse_id,
                       COALESCE(nl.date_wanted, n.date_wanted),
                       (sol.product_uom_qty - sol.qty_delivered) / lu.factor * pu.factor
                  FROM mrp_production_notice_line nl
                  JOIN mrp_production_notice n ON n.id = nl.notice_id
                  JOIN sale_order_line sol ON sol.id = nl.sale_line_id
                  JOIN sale_order so ON so.id = sol.order_id
                  JOIN product_product pp ON pp.id = sol.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN uom_uom lu ON lu.id = sol.product_uom
                  JOIN uom_uom pu ON pu.id = pt.uom_id
                 WHERE n.state = 'issued' AND so.state = 'sale' AND n.company_id = %s
                   AND so.warehouse_id = ANY(%s)
                   AND sol.product_uom_qty > sol.qty_delivered
                """,
                company.id,
                warehouse_ids,
            )
        )
        noticed_lines = []
        for line_id, product_id, warehouse_id, date, qty in cr.fetchall():
            noticed_lines.append(line_id)
            demands.append(
                mrp_engine.Demand(warehouse_id, product_id, date, qty, ("sale.order.line", line_id))
            )

        # 2. Demand: components of open manufacturing orders.
        cr.execute(
            SQL(
                """
                SELECT m.id, m.product_id, l.warehouse_id, m.date, m.product_qty
                  FROM stock_move m
                  JOIN mrp_production p ON p.id = m.raw_material_production_id
                  JOIN stock_location l ON l.id = m.location_id
                 WHERE m.company_id = %s AND m.state IN %s
                   AND p.state IN ('confirmed', 'progress', 'to_close')
                   AND l.warehouse_id = ANY(%s) AND m.product_qty > 0
                """,
                company.id,
                OPEN_MOVE_STATES,
                warehouse_ids,
            )
        )
        demand_moves = []
        for move_id, product_id, warehouse_id, date, qty in cr.fetchall():
            demand_moves.append(move_id)
            demands.append(
                mrp_engine.Demand(
                    warehouse_id, product_id, date.date(), qty, ("stock.move", move_id)
                )
            )

        # 3. On hand in the warehouses' internal locations, less what is reserved for moves
        # leaving them that are not among the demands above (e.g. deliveries without a
        # production notice). Moves within the warehouse (a picking step of a two- or
        # three-step delivery) keep their goods on hand: their order line is the demand.
        cr.execute(
            SQL(
                """
                SELECT l.warehouse_id, q.product_id, SUM(q.quantity)
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id
                 WHERE l.usage = 'internal' AND q.company_id = %s AND l.warehouse_id = ANY(%s)
                 GROUP BY l.warehouse_id, q.product_id
                """,
                company.id,
                warehouse_ids,
            )
        )
        onhand = {(wh, product): qty for wh, product, qty in cr.fetchall()}
        cr.execute(
            SQL(
                """
                SELECT l.warehouse_id, ml.product_id, COALESCE(SUM(ml.quantity_product_uom), 0)
                  FROM stock_move_line ml
                  JOIN stock_move m ON m.id = ml.move_id
                  JOIN stock_location l ON l.id = ml.location_id
                  JOIN stock_location ld ON ld.id = m.location_dest_id
                 WHERE m.state IN %s AND m.company_id = %s AND l.usage = 'internal'
                   AND l.warehouse_id = ANY(%s) AND ld.usage != 'internal'
                   AND NOT (m.id = ANY(%s))
                   AND (m.sale_line_id IS NULL OR NOT (m.sale_line_id = ANY(%s)))
                 GROUP BY l.warehouse_id, ml.product_id
                """,
                OPEN_MOVE_STATES,
                company.id,
                warehouse_ids,
                demand_moves,
                noticed_lines,
            )
        )
        for wh, product, qty in cr.fetchall():
            onhand[(wh, product)] = onhand.get((wh, product), 0.0) - qty
        for (wh, product), qty in onhand.items():
            if qty > 0:
                supplies.append(mrp_engine.Supply(wh, product, None, qty))

        # 4. Open supply: incoming moves into the warehouses (receipts of confirmed purchases,
        # finished products of open manufacturing orders, other receipts).
        cr.execute(
            SQL(
                """
                SELECT m.id, m.product_id, ld.warehouse_id, m.date, m.product_qty,
                       CASE WHEN m.purchase_line_id IS NOT NULL THEN 'purchase'
                            WHEN m.production_id IS NOT NULL THEN 'production'
                            ELSE 'receipt' END
                  FROM stock_move m
                  JOIN stock_location ld ON ld.id = m.location_dest_id
                  JOIN stock_location ls ON ls.id = m.location_id
                 WHERE m.company_id = %s AND m.state IN %s AND ld.usage = 'internal'
                   AND ls.usage NOT IN ('internal', 'view') AND ld.warehouse_id = ANY(%s)
                   AND m.product_qty > 0
                """,
                company.id,
                OPEN_MOVE_STATES,
                warehouse_ids,
            )
        )
        for move_id, product_id, warehouse_id, date, qty, kind in cr.fetchall():
            supplies.append(
                mrp_engine.Supply(
                    warehouse_id, product_id, date.date(), qty, kind, ("stock.move", move_id)
                )
            )
        # Requests for quotation not yet confirmed, as Odoo's replenishment counts them.
        cr.execute(
            SQL(
                """
                SELECT pol.id, pol.product_id, pt.warehouse_id, pol.date_planned,
                       pol.product_uom_qty
                  FROM purchase_order_line pol
                  JOIN purchase_order po ON po.id = pol.order_id
                  JOIN stock_picking_type pt ON pt.id = po.picking_type_id
                 WHERE po.company_id = %s AND po.state IN %s AND pt.warehouse_id = ANY(%s)
                   AND pol.product_id IS NOT NULL AND pol.product_uom_qty > 0
                   AND pol.display_type IS NULL
                """,
                company.id,
                RFQ_STATES,
                warehouse_ids,
            )
        )
        for line_id, product_id, warehouse_id, date, qty in cr.fetchall():
            supplies.append(
                mrp_engine.Supply(
                    warehouse_id,
                    product_id,
                    date.date(),
                    qty,
                    "rfq",
                    ("purchase.order.line", line_id),
                )
            )

        # 5. Reorder rules: safety stock (their minimum) and order multiples.
        cr.execute(
            SQL(
                """
                SELECT warehouse_id, product_id, SUM(product_min_qty), MAX(qty_multiple)
                  FROM stock_warehouse_orderpoint
                 WHERE active AND company_id = %s AND warehouse_id = ANY(%s)
                 GROUP BY warehouse_id, product_id
                """,
                company.id,
                warehouse_ids,
            )
        )
        safety, multiples = {}, {}
        for wh, product, minimum, multiple in cr.fetchall():
            if minimum:
                safety[(wh, product)] = minimum
            if multiple:
                multiples[(wh, product)] = multiple

        # 6. Bills of materials and vendors of every product met, components included.
        product_ids = {d.product_id for d in demands} | {key[1] for key in safety}
        products, boms = self._collect_products(product_ids, today)
        return {
            "products": products,
            "boms": boms,
            "demands": demands,
            "supplies": supplies,
            "settings": settings,
            "safety": safety,
            "multiples": multiples,
        }

    def _collect_products(self, product_ids, today):
        """Products, their bills of materials (the one Odoo's ``_bom_find`` would choose) and
        their vendors (in order of preference), down to the last level."""
        company = self.company_id
        cr = self.env.cr
        # Every bill of the company in one read; the closure is then walked in Python.
        cr.execute(
            SQL(
                """
                SELECT b.id, b.product_tmpl_id, b.product_id, b.type,
                       b.product_qty / bu.factor * pu.factor,
                       b.produce_delay + b.days_to_prepare_mo
                  FROM mrp_bom b
                  JOIN product_template t ON t.id = b.product_tmpl_id
                  JOIN uom_uom bu ON bu.id = b.product_uom_id
                  JOIN uom_uom pu ON pu.id = t.uom_id
                 WHERE b.active AND b.type IN ('normal', 'phantom')
                   AND (b.company_id IS NULL OR b.company_id = %s)
                 ORDER BY b.sequence, b.product_id NULLS LAST, b.id
                """,
                company.id,
            )
        )
        bom_rows = cr.fetchall()
        bom_ids = [row[0] for row in bom_rows]
        cr.execute(
            SQL(
                """
                SELECT l.bom_id, l.id, l.product_id, l.product_qty / lu.factor * pu.factor
                  FROM mrp_bom_line l
                  JOIN product_product pp ON pp.id = l.product_id
                  JOIN product_template t ON t.id = pp.product_tmpl_id
                  JOIN uom_uom lu ON lu.id = l.product_uom_id
                  JOIN uom_uom pu ON pu.id = t.uom_id
                 WHERE l.bom_id = ANY(%s)
                 ORDER BY l.bom_id, l.sequence, l.id
                """,
                bom_ids,
            )
        )
        lines_by_bom = defaultdict(list)
        for bom_id, line_id, component_id, qty in cr.fetchall():
            lines_by_bom[bom_id].append((line_id, component_id, qty))
        # Lines that apply to some variants only (Odoo's _skip_bom_line).
        cr.execute(
            SQL(
                """
                SELECT r.mrp_bom_line_id, v.attribute_id, r.product_template_attribute_value_id
                  FROM mrp_bom_line_product_template_attribute_value_rel r
                  JOIN product_template_attribute_value v
                    ON v.id = r.product_template_attribute_value_id
                  JOIN mrp_bom_line l ON l.id = r.mrp_bom_line_id
                 WHERE l.bom_id = ANY(%s)
                """,
                bom_ids,
            )
        )
        line_filters = defaultdict(lambda: defaultdict(set))
        for line_id, attribute_id, ptav_id in cr.fetchall():
            line_filters[line_id][attribute_id].add(ptav_id)
        by_variant, by_template = {}, {}
        for bom_id, tmpl_id, variant_id, kind, qty, lead in bom_rows:
            if variant_id:
                by_variant.setdefault(variant_id, (bom_id, kind, qty, lead))
            else:
                by_template.setdefault(tmpl_id, (bom_id, kind, qty, lead))

        routes = self._route_actions()
        products, boms = {}, {}
        todo, seen = set(product_ids), set()
        while todo:
            batch = (
                self.env["product.product"]
                .with_context(active_test=False)
                .browse(sorted(todo - seen))
            )
            seen |= todo
            todo = set()
            if not batch:
                break
            # One read of the batch's templates, variants' attribute values and routes.
            batch.read(
                [
                    "product_tmpl_id",
                    "type",
                    "route_ids",
                    "uom_id",
                    "product_template_attribute_value_ids",
                ]
            )
            sellers = self._collect_sellers(batch, today)
            for product in batch:
                if product.type == "service":
                    continue
                chosen = by_variant.get(product.id) or by_template.get(product.product_tmpl_id.id)
                actions = routes(product)
                bom_key = None
                if chosen:
                    bom_id, kind, qty, lead = chosen
                    make_allowed = (
                        kind == "phantom"
                        or "manufacture" in actions
                        or not (sellers.get(product.id) and "buy" in actions)
                    )
                    if make_allowed:
                        values = set(product.product_template_attribute_value_ids.ids)
                        lines = []
                        for line_id, component_id, line_qty in lines_by_bom[bom_id]:
                            wanted = line_filters.get(line_id)
                            if wanted and any(not (ptavs & values) for ptavs in wanted.values()):
                                continue
                            lines.append(mrp_engine.BomLine(component_id, line_qty))
                            if component_id not in seen:
                                todo.add(component_id)
                        bom_key = (bom_id, product.id)
                        boms[bom_key] = mrp_engine.Bom(
                            id=bom_key,
                            product_id=product.id,
                            qty=qty or 1.0,
                            lines=tuple(lines),
                            kind=kind,
                            lead_days=round(lead),
                        )
                products[product.id] = mrp_engine.Product(
                    id=product.id,
                    name=product.display_name,
                    bom_id=bom_key,
                    sellers=tuple(sellers.get(product.id, ())),
                    buy=not actions or "buy" in actions or bool(sellers.get(product.id)),
                    rounding=product.uom_id.rounding,
                )
        return products, boms

    def _route_actions(self):
        """A function giving the route actions (buy, manufacture) available to a product."""
        rules = self.env["stock.rule"].search_read(
            [("action", "in", ("buy", "manufacture")), ("route_id", "!=", False)],
            ["route_id", "action"],
        )
        actions_by_route = defaultdict(set)
        for rule in rules:
            actions_by_route[rule["route_id"][0]].add(rule["action"])

        def actions(product):
            route_ids = product.route_ids.ids + product.categ_id.total_route_ids.ids
            found = set()
            for route_id in route_ids:
                found |= actions_by_route.get(route_id, set())
            return found

        return actions

    def _collect_sellers(self, products, today):
        """Vendors of each product valid today, in order of preference: Odoo's order (sequence,
        then the lower price), as ``mrp_engine.Seller``."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT s.id, s.partner_id, s.product_id, s.product_tmpl_id, s.delay,
                       s.min_qty / po.factor * pu.factor, s.price
                  FROM product_supplierinfo s
                  JOIN product_template t ON t.id = s.product_tmpl_id
                  JOIN uom_uom po ON po.id = t.uom_po_id
                  JOIN uom_uom pu ON pu.id = t.uom_id
                  JOIN res_partner p ON p.id = s.partner_id
                 WHERE s.product_tmpl_id = ANY(%s) AND p.active
                   AND (s.company_id IS NULL OR s.company_id = %s)
                   AND (s.date_start IS NULL OR s.date_start <= %s)
                   AND (s.date_end IS NULL OR s.date_end >= %s)
                 ORDER BY s.sequence, s.min_qty DESC, s.price, s.id
                """,
                list(set(products.product_tmpl_id.ids)),
                self.company_id.id,
                today,
                today,
            )
        )
        rows = cr.fetchall()
        by_product = defaultdict(list)
        variants_by_template = defaultdict(list)
        for product in products:
            variants_by_template[product.product_tmpl_id.id].append(product.id)
        for seller_id, partner_id, variant_id, tmpl_id, delay, min_qty, price in rows:
            targets = [variant_id] if variant_id else variants_by_template[tmpl_id]
            seller = mrp_engine.Seller(
                seller_id, partner_id, int(delay or 0), min_qty or 0.0, price or 0.0
            )
            for target in targets:
                if all(s.partner_id != partner_id for s in by_product[target]):
                    by_product[target].append(seller)
        # The best-scored vendor first (its score for the product's category, or overall);
        # Odoo's own order among vendors without a score or with equal scores.
        scores = self.env["mrp.supplier.score"]._get_scores(
            self.company_id, {row[1] for row in rows}
        )
        if scores:
            categ_of = {product.id: product.categ_id.id for product in products}
            for product_id, sellers in by_product.items():
                categ_id = categ_of.get(product_id)

                def rank(seller, categ_id=categ_id):
                    value = scores.get(
                        (seller.partner_id, categ_id), scores.get((seller.partner_id, False))
                    )
                    return -(value or 0.0)

                sellers.sort(key=rank)
        return by_product

    # Writing ---------------------------------------------------------------------------------
    def _replace_proposals(self, plan, data):
        """Delete the company's proposals that were not confirmed and insert the new ones, with
        their pegging, in a few multi-row statements."""
        self.ensure_one()
        cr = self.env.cr
        cr.execute(
            SQL(
                "DELETE FROM mrp_planning_order WHERE company_id = %s AND state = 'proposed'",
                self.company_id.id,
            )
        )
        self.env["mrp.planning.order"].invalidate_model()
        self.env["mrp.planning.peg"].invalidate_model()
        orders = plan.planned_orders
        uid = self.env.uid
        if orders:
            cr.execute(
                SQL(
                    """
                    INSERT INTO mrp_planning_order
                        (run_id, company_id, name, state, warehouse_id, product_id, kind,
                         product_qty,
                         need_date, release_date, due_date, lead_days, level, late, partner_id,
                         proposed_partner_id, supplierinfo_id, bom_id,
                         create_uid, write_uid, create_date, write_date)
                    SELECT %s, %s, n, 'proposed', w, p, k, q, nd, rd, dd, ld, lv, lt, pa, pa, si, b,
                           %s, %s, now() at time zone 'UTC', now() at time zone 'UTC'
                      FROM unnest(%s::varchar[], %s::int[], %s::int[], %s::varchar[], %s::float8[],
                                  %s::date[], %s::date[], %s::date[], %s::int[], %s::int[],
                                  %s::bool[], %s::int[], %s::int[], %s::int[])
                           WITH ORDINALITY
                           AS t(n, w, p, k, q, nd, rd, dd, ld, lv, lt, pa, si, b, ord)
                     ORDER BY ord
                    RETURNING id
                    """,
                    self.id,
                    self.company_id.id,
                    uid,
                    uid,
                    [f"{self.name}/{o.index + 1:05d}" for o in orders],
                    [o.warehouse_id for o in orders],
                    [o.product_id for o in orders],
                    [o.kind for o in orders],
                    [o.qty for o in orders],
                    [o.need_date for o in orders],
                    [o.release_date for o in orders],
                    [o.due_date for o in orders],
                    [o.lead_days for o in orders],
                    [o.level for o in orders],
                    [o.late for o in orders],
                    [o.partner_id for o in orders],
                    [o.seller_id for o in orders],
                    [o.bom_id[0] if o.bom_id else None for o in orders],
                )
            )
            ids = [row[0] for row in cr.fetchall()]
            peg_rows = []
            for order, order_id in zip(orders, ids, strict=True):
                for peg in mrp_engine.merged_pegs(order):
                    model, res_id = peg.ref
                    peg_rows.append(
                        (
                            order_id,
                            res_id if model == "sale.order.line" else None,
                            res_id if model == "stock.move" else None,
                            model == "safety",
                            ids[peg.parent] if peg.parent is not None else None,
                            peg.qty,
                        )
                    )
            if peg_rows:
                # Pegs are the run's arithmetic (who ran it is on the run): no create_uid and
                # write_uid, which would cost two foreign-key checks on each of hundreds of
                # thousands of rows.
                columns = list(zip(*peg_rows, strict=True))
                cr.execute(
                    SQL(
                        """
                        INSERT INTO mrp_planning_peg
                            (planned_order_id, sale_line_id, move_id, safety_stock, parent_id, qty,
                             company_id, sale_order_id, create_date, write_date)
                        SELECT o, sl, mv, sf, pa, q, %s, sol.order_id,
                               now() at time zone 'UTC', now() at time zone 'UTC'
                          FROM unnest(%s::int[], %s::int[], %s::int[], %s::bool[], %s::int[],
                                      %s::float8[])
                               AS t(o, sl, mv, sf, pa, q)
                          LEFT JOIN sale_order_line sol ON sol.id = t.sl
                        """,
                        self.company_id.id,
                        *[list(column) for column in columns],
                    )
                )
        # The exceptions are the run's findings, never written by users (no create right);
        # the planner's right to run was checked by _run_mrp.
        self.env["mrp.planning.exception"].sudo()._insert_from_engine(self, plan.exceptions)

    def action_view_planned_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp_planning.action_mrp_planning_order"
        )
        action["domain"] = [("run_id", "=", self.id)]
        return action

    def action_view_exceptions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp_planning.action_mrp_planning_exception"
        )
        action["domain"] = [("run_id", "=", self.id)]
        return action

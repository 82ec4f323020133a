# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCustomOrdersMadeToOrder(TransactionCase):
    """The Sales setting that makes custom orders Make To Order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.mto = cls.warehouse.mto_pull_id.route_id
        cls.custom = cls.env.ref("order_intake.order_type_custom")
        cls.standard = cls.env.ref("order_intake.order_type_standard")

    def _settings(self, **values):
        settings = self.env["res.config.settings"].create(values)
        settings.execute()
        return self.env["res.config.settings"].create({})

    def test_off_by_default(self):
        self.assertEqual(self.mto, self.env.ref("stock.route_warehouse0_mto"))
        self.assertFalse(self.mto.active, "Odoo keeps Make To Order archived in a new database")
        self.assertFalse(self.custom.route_id)
        self.assertFalse(self.env["res.config.settings"].create({}).order_intake_custom_mto)
        # saving the settings with the switch off changes nothing
        self.assertFalse(self._settings(order_intake_custom_mto=False).order_intake_custom_mto)
        self.assertFalse(self.mto.active)
        self.assertFalse(self.custom.route_id)

    def test_on_activates_make_to_order_for_custom_orders(self):
        settings = self._settings(order_intake_custom_mto=True)
        self.assertTrue(settings.order_intake_custom_mto)
        self.assertTrue(self.mto.active)
        self.assertTrue(self.warehouse.mto_pull_id.active, "the route's rule is active too")
        self.assertIn(self.warehouse.mto_pull_id, self.mto.rule_ids)
        self.assertEqual(self.custom.route_id, self.mto)
        self.assertFalse(self.standard.route_id, "only custom orders are made to order")

    def test_off_again_takes_the_route_off_custom_orders(self):
        self._settings(order_intake_custom_mto=True)
        settings = self._settings(order_intake_custom_mto=False)
        self.assertFalse(settings.order_intake_custom_mto)
        self.assertFalse(self.custom.route_id)
        self.assertTrue(self.mto.active, "products may use the route: it stays available")

    def test_archived_route_reads_off(self):
        self._settings(order_intake_custom_mto=True)
        self.mto.action_archive()
        self.assertFalse(self.env["res.config.settings"].create({}).order_intake_custom_mto)

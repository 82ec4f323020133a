# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import csv
import io
from collections import defaultdict

import openpyxl

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

REQUIRED_COLUMNS = ("customer", "product", "quantity")
OPTIONAL_COLUMNS = (
    "customer_reference",
    "price",
    "requested_date",
    "line_requested_date",
    "order_type",
)


class OrderIntakeImportWizard(models.TransientModel):
    """Import a batch of sales orders from a CSV or XLSX file, with a result per row.

    Rows with the same customer and customer reference make one order. An order is created only
    when all its rows are valid; every row comes back with what became of it.
    """

    _name = "order.intake.import.wizard"
    _description = "Import Sales Orders"

    channel_id = fields.Many2one("order.intake.channel", required=True, string="Channel")
    file = fields.Binary(required=True, string="File")
    filename = fields.Char()
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    line_ids = fields.One2many("order.intake.import.line", "wizard_id", string="Rows")
    created_count = fields.Integer(compute="_compute_counts")
    failed_count = fields.Integer(compute="_compute_counts")

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for wizard in self:
            wizard.created_count = len(wizard.line_ids.filtered(lambda r: r.status == "created"))
            wizard.failed_count = len(wizard.line_ids) - wizard.created_count

    # ------------------------------------------------------------------ reading

    def _read_rows(self):
        """Return the rows of the file as dicts keyed by lower-case column names."""
        self.ensure_one()
        data = base64.b64decode(self.file or b"")
        if not data:
            raise UserError(self.env._("The file is empty."))
        name = (self.filename or "").lower()
        if name.endswith(".xlsx"):
            rows = self._read_xlsx(data)
        elif name.endswith(".csv") or not name:
            rows = self._read_csv(data)
        else:
            raise UserError(
                self.env._("Import a .csv or .xlsx file, not %(name)s.", name=self.filename)
            )
        if not rows:
            raise UserError(self.env._("The file has a header but no row."))
        missing = [col for col in REQUIRED_COLUMNS if col not in rows[0]]
        if missing:
            raise UserError(
                self.env._(
                    "Columns missing in the file: %(missing)s. Expected: %(required)s, and "
                    "optionally %(optional)s.",
                    missing=", ".join(missing),
                    required=", ".join(REQUIRED_COLUMNS),
                    optional=", ".join(OPTIONAL_COLUMNS),
                )
            )
        return rows

    def _read_csv(self, data):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UserError(self.env._("Save the CSV file as UTF-8.")) from exc
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        return [
            {(key or "").strip().lower(): (value or "").strip() for key, value in row.items()}
            for row in reader
        ]

    def _read_xlsx(self, data):
        try:
            sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise UserError(
                self.env._("The XLSX file cannot be read: %(error)s", error=exc)
            ) from exc
        values = list(sheet.iter_rows(values_only=True))
        if not values:
            return []
        header = [str(cell or "").strip().lower() for cell in values[0]]
        return [
            {key: ("" if cell is None else cell) for key, cell in zip(header, row, strict=False)}
            for row in values[1:]
            if any(cell not in (None, "") for cell in row)
        ]

    # ------------------------------------------------------------------ import

    @staticmethod
    def _number(value):
        if isinstance(value, int | float):
            return value
        try:
            return float(str(value).replace(",", "."))
        except ValueError:
            return value  # the order validation reports it

    @staticmethod
    def _date(value):
        if hasattr(value, "date"):
            return fields.Date.to_string(value.date())
        return value or None

    def action_import(self):
        self.ensure_one()
        rows = self._read_rows()
        groups = defaultdict(list)  # (customer, customer reference) -> [(row number, row)]
        for number, row in enumerate(rows, start=2):  # row 1 is the header
            groups[(str(row.get("customer", "")), str(row.get("customer_reference", "")))].append(
                (number, row)
            )
        results = []
        for (customer, reference), group in groups.items():
            first = group[0][1]
            payload = {
                "channel": self.channel_id.code,
                "customer": customer,
                "customer_reference": reference or None,
                "requested_date": self._date(first.get("requested_date")),
                "order_type": first.get("order_type") or None,
                "lines": [
                    {
                        "product": str(row.get("product", "")),
                        "quantity": self._number(row.get("quantity")),
                        "price": None
                        if row.get("price") in (None, "")
                        else self._number(row["price"]),
                        "requested_date": self._date(row.get("line_requested_date")),
                    }
                    for _number, row in group
                ],
            }
            results += self._import_order(payload, [number for number, _row in group])
        self.line_ids.unlink()
        self.write({"state": "done", "line_ids": [fields.Command.create(vals) for vals in results]})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _import_order(self, payload, row_numbers):
        """Create one order from its rows; return the result of each row."""
        errors, vals = self.channel_id._api_prepare_order_vals(payload)
        if not errors:
            try:
                with self.env.cr.savepoint():
                    order = self.env["sale.order"].create(vals)
                    order._intake_run()
            except (UserError, ValidationError) as exc:
                errors = {"order": str(exc)}
        if errors:
            by_row = defaultdict(list)
            for where, message in errors.items():
                if where.startswith("lines["):
                    index = int(where[len("lines[") : where.index("]")])
                    by_row[row_numbers[index]].append(f"{where.split('.', 1)[-1]}: {message}")
                else:
                    by_row[row_numbers[0]].append(f"{where}: {message}")
            failed_rows = ", ".join(str(n) for n in sorted(by_row))
            return [
                {
                    "row": number,
                    "status": "failed",
                    "message": "; ".join(by_row.get(number, []))
                    or self.env._(
                        "Not imported: another row of the same order failed (row %(rows)s).",
                        rows=failed_rows,
                    ),
                }
                for number in row_numbers
            ]
        return [
            {"row": number, "status": "created", "order_id": order.id, "message": order.name}
            for number in row_numbers
        ]

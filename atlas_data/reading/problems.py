"""Where a sheet comes from (`Context`) and what was wrong in it (`Problems`: the rows of the `rejected` table,
each a catalog message with its code and fields, see `messages`)."""
from __future__ import annotations

from dataclasses import dataclass, field

from atlas_data import contract as C
from atlas_data.reading.messages import is_quantity, render, stored_fields
from atlas_data.reading.privacy import PERSONAL_COLUMN_VALUE, shown_value
from atlas_data.reading.text import _fmt

#: The rejection codes one value for the whole file (NAME.defaults.csv, given on the Data page) can mend, and the
#: column that value fills (None: the rejected row's own column): a missing column, the country, the maximum
#: of scores written without one, and the day of a meeting whose dates can be read two ways.
WHOLE_FILE_CODES = {"missing_column": None, "no_country": "country", "score_without_maximum": "max_score",
                    "points_without_maximum": "max_score", "date_order_unknown": "session_date",
                    "date_order_mixed": "session_date"}


def whole_file_column(code, column) -> str | None:
    """The column a whole-file value would fill for a rejected row of `code` (None: no such value mends it)."""
    if code not in WHOLE_FILE_CODES:
        return None
    return WHOLE_FILE_CODES[code] or (column if isinstance(column, str) and column else None)


@dataclass
class Context:
    """What the normalizer knows about where a sheet comes from."""
    source_file: str          # path relative to the raw folder, as shown to users
    file_name: str
    folder_names: tuple[str, ...] = ()
    defaults: dict[str, str] = field(default_factory=dict)  # NAME.defaults.csv: canonical -> value


class Problems:
    """Rejected rows of one sheet: errors drop their row, warnings keep it."""

    def __init__(self, table: str, ctx: Context, sheet: str):
        self.table, self.ctx, self.sheet = table, ctx, sheet
        self.rows: list[dict] = []
        self.error_positions: set = set()

    def add(self, row, column, value, code, severity="error", literal: bool = False, **fields):
        """A rejected row. Its value is kept only when it cannot be personal (`privacy.shown_value`: a number,
        a date, a known label); a name, e-mail or phone is stored as its kind (`text, 18 characters`), and a
        person column's value never. `literal`: the caller knows the value is no one's (a roster mark)."""
        personal = column in C.PERSON_COLUMNS or column in C.PERSON_NAME_PARTS
        number = not personal and not literal and is_quantity("value", value)
        if number:     # a figure: stored as `25` or `8.5`, said in the message's language (`8,5`)
            value = value.item() if hasattr(value, "item") else value
            shown = _fmt(float(value))
        else:
            shown = None if value is None or personal else (str(value) if literal else shown_value(value))
        said = value if number else shown or ""
        where = {"file": self.ctx.source_file, "sheet": self.sheet, "row": None if row is None else int(row) + 1}
        self.rows.append({
            "table_name": self.table, "source_file": self.ctx.source_file, "source_sheet": self.sheet,
            "source_row": None if row is None else int(row) + 1, "column_name": column,
            "value": PERSONAL_COLUMN_VALUE if personal and value is not None else shown,
            "reason": render(code, **where, column=column or "", value=said, **fields),
            "severity": severity, "code": code,
            "reason_fields": stored_fields(**where, column=column or "", value=said, **fields),
        })
        if severity == "error" and row is not None:
            self.error_positions.add(row)

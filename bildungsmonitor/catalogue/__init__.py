"""The indicator catalogue: indicators, series bindings and check rules as data.

``load_catalogue()`` returns the built-in catalogue, optionally extended by a
municipality's own YAML files (format: ``docs/catalogue-format.md``).
"""

from bildungsmonitor.catalogue.loader import CatalogueError, ErrorKind, load_catalogue
from bildungsmonitor.catalogue.model import Area, Catalogue, CheckRule, Indicator, SeriesBinding

__all__ = [
    "Area",
    "Catalogue",
    "CatalogueError",
    "CheckRule",
    "ErrorKind",
    "Indicator",
    "SeriesBinding",
    "load_catalogue",
]

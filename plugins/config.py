"""The plugin's options in mkdocs.yml (`plugins: - course-catalog: {...}`), typed."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CatalogConfig(base.Config):
    # Paths are resolved against the folder of mkdocs.yml.
    data_dir = c.Dir(exists=False, default="catalog/data")
    """The catalog's data folder (platforms/, resources/, sources/, taxonomy/)."""

    link_state = c.Optional(c.File(exists=False))
    """The link checker's state file; without it (or when it does not exist) no link status is shown."""

    mask_personal_mobiles = c.Type(bool, default=False)
    """Show named people's mobile numbers as 159****6289 (units' numbers stay as published). Off by
    default: the numbers come from official notices that published them for schools to call."""

    language = c.Choice(("zh", "en"), default="zh")
    """Language of the plugin's own words on the generated pages."""

    stale_after_days = c.Type(int, default=1095)
    """Entries last confirmed (or whose newest source is) more than this many days before the build are
    marked as possibly out of date, and the contacts page says which contacts are that old; 0 turns it off."""

    listing_page_size = c.Type(int, default=500)
    """Entries per listing page (by level, discipline, kind, region); longer lists get more pages."""

    wide_region = c.Type(str, default="national")
    """The region term whose entries serve every region (全国). Each other region's page points to it,
    and to the contacts directory when that region has no contacts of its own; a term id the taxonomy
    lacks turns this off."""

    header_search = c.Type(bool, default=True)
    """Answer the theme's search box with the catalog's search (names, aliases, pinyin first, as on
    /catalog/); false leaves Material's own search, which indexes every entry page."""

"""Draft writing: match what was recognised against the catalog and write reviewable YAML."""

"""JSON Schema of each entry file, for editors (yaml-language-server) to complete and flag keys."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from catalog.atomic import write_text_atomic
from catalog.models import ENTRY_MODELS
from catalog.taxonomy import RULES_FILE_ID, RuleBook, Vocabulary

SCHEMA_MODELS = {**ENTRY_MODELS, "taxonomy": Vocabulary, RULES_FILE_ID: RuleBook}
# Entry files, plus the document that `export --format json` and the site's catalog.json publish.
SCHEMA_KINDS = (*SCHEMA_MODELS, "catalog")


def entry_schema(kind: str) -> dict:
    """The schema of one entry file (the model's, less `id`, which the file name gives), or of the export."""
    if kind == "catalog":
        from catalog.exports.document import document_schema

        return document_schema()
    schema = SCHEMA_MODELS[kind].model_json_schema()
    schema["properties"].pop("id", None)
    schema["required"] = [key for key in schema.get("required", []) if key != "id"]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    return schema


def schema_text(kind: str) -> str:
    return json.dumps(entry_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def run_schema_command(kind: str | None, output_dir: Path | None) -> int:
    kinds = [kind] if kind else list(SCHEMA_KINDS)
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        for name in kinds:
            target = output_dir / f"{name}.schema.json"
            write_text_atomic(target, schema_text(name))
            print(f"已写入 (written): {target}", file=sys.stderr)
        return 0
    if kind:
        sys.stdout.write(schema_text(kind))
    else:
        combined = {name: entry_schema(name) for name in kinds}
        sys.stdout.write(json.dumps(combined, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return 0

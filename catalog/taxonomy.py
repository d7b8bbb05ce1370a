"""Controlled vocabularies (school levels, disciplines, kinds, regions, themes), read from data files.

Each file under `data/taxonomy/` is one vocabulary; its `facet` says which entry field may use its
terms. Term ids are unique within a facet, so an entry can say `disciplines: [ug-07, voc21-51]`
without naming the vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field

from catalog.models import Id, Strict

Facet = Literal["level", "discipline", "theme", "kind", "region"]

# The entry field that refers to each facet.
FACET_FIELDS: dict[str, Facet] = {
    "levels": "level", "disciplines": "discipline", "themes": "theme", "kind": "kind", "regions": "region",
}


class Term(Strict):
    id: Id
    name: str = Field(min_length=1, description="中文名称")
    name_en: str | None = None
    code: str | None = Field(None, description="官方代码，如学科门类 07、专业大类 51")
    codes: dict[str, str] = Field(default_factory=dict, description="按学段的代码，如 {higher-vocational: '51'}")
    aliases: list[str] = Field(default_factory=list)
    covers: list[str] = Field(default_factory=list,
                              description="所含的下级类目，按本词表出处列出，如学科门类“理学”含“数学类”；供搜索用")
    successor: Id | None = Field(None, description="新版目录中对应的术语 id")
    verified: bool = Field(True, description="false 表示代码或名称未经一手来源核实")
    note: str | None = None


class Vocabulary(Strict):
    id: Id = Field(description="由文件名决定 (comes from the file name)")
    facet: Facet
    name: str = Field(min_length=1)
    name_en: str | None = None
    source: str | None = Field(None, description="出处，如“普通高等学校本科专业目录（2012年）”")
    levels: list[Id] = Field(default_factory=list, description="这套术语适用的学段")
    order: int = Field(100, description="在站点上的排列顺序，小的在前")
    verified: bool = True
    note: str | None = None
    terms: list[Term] = Field(min_length=1)


class InferenceRule(Strict):
    id: Id
    name: str = Field(min_length=1, description="规则的简短名称，站点上显示")
    text: str = Field(min_length=1, description="规则全文：从来源的什么说法推出什么值，为什么")


class RuleBook(Strict):
    """The rules by which a level, discipline, region or kind may be inferred (one file, one list)."""

    id: Id = Field(description="由文件名决定 (comes from the file name)")
    rules: list[InferenceRule] = Field(min_length=1)


RULES_FILE_ID = "inference-rules"  # taxonomy/inference-rules.yaml holds the RuleBook


@dataclass
class Taxonomy:
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    rules: dict[str, InferenceRule] = field(default_factory=dict)
    rulebook: RuleBook | None = None
    _index: dict[str, dict[str, tuple[Vocabulary, Term]]] = field(default_factory=dict, repr=False)

    def add(self, vocabulary: Vocabulary | RuleBook) -> None:
        if isinstance(vocabulary, RuleBook):
            self.rulebook = vocabulary
            self.rules = {rule.id: rule for rule in vocabulary.rules}  # duplicates: catalog/provenance.py
            return
        self.vocabularies[vocabulary.id] = vocabulary
        self._index.clear()

    def facet_terms(self, facet: str) -> dict[str, tuple[Vocabulary, Term]]:
        """Every term of a facet by id, in display order (first vocabulary wins a shared id)."""
        if facet not in self._index:
            found: dict[str, tuple[Vocabulary, Term]] = {}
            for vocabulary in self.ordered(facet):
                for term in vocabulary.terms:
                    found.setdefault(term.id, (vocabulary, term))
            self._index[facet] = found
        return self._index[facet]

    def term(self, facet: str, term_id: str) -> Term | None:
        hit = self.facet_terms(facet).get(term_id)
        return hit[1] if hit else None

    def name(self, facet: str, term_id: str) -> str:
        term = self.term(facet, term_id)
        return term.name if term else term_id

    def ordered(self, facet: str | None = None) -> list[Vocabulary]:
        chosen = [v for v in self.vocabularies.values() if facet is None or v.facet == facet]
        return sorted(chosen, key=lambda v: (v.order, v.id))

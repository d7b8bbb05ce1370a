"""Successors both ways: a platform's `successor` and the successor's `replaces` back link.

`replaces` may be left out (it is derived from the successors), but once a platform writes it, it
must list exactly the platforms whose `successor` it is. Every successor cites its source.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from catalog.catalog import Catalog
from catalog.problems import Problem


def predecessors_by_id(catalog: Catalog) -> dict[str, list[str]]:
    """successor id -> ids of the platforms it replaced: each `successor` and each written `replaces`."""
    found: dict[str, set[str]] = defaultdict(set)
    for platform_id, platform in catalog.platforms.items():
        if platform.successor:
            found[platform.successor].add(platform_id)
        found[platform_id].update(platform.replaces)
    return {key: sorted(ids) for key, ids in sorted(found.items()) if ids}


def check_succession(catalog: Catalog) -> Iterator[Problem]:
    platforms = catalog.platforms
    for platform_id, platform in sorted(platforms.items()):
        successor = platform.successor
        if successor:
            if successor == platform_id:
                continue  # checks.py refuses an entry that refers to itself
            if not platform.successor_sources:
                yield catalog.problem_at("platform", platform_id, ("successor",),
                          "写了 successor 就要在 successor_sources 中写明说明后继关系的来源 "
                          "(a successor needs its source: add successor_sources)")
            newer = platforms.get(successor)
            if newer is not None and newer.replaces and platform_id not in newer.replaces:
                yield catalog.problem_at("platform", platform_id, ("successor",),
                          f"后继平台 {successor} 写了 replaces，却没有列出本平台：在其 replaces 中加上 '{platform_id}' "
                          f"(the successor's replaces must list this platform)")
            if _loops(platforms, platform_id):
                yield catalog.problem_at("platform", platform_id, ("successor",),
                          "后继关系绕回了本平台（A → B → … → A） (successors form a loop)")
        for i, older_id in enumerate(platform.replaces):
            older = platforms.get(older_id)
            if older_id == platform_id:
                yield catalog.problem_at("platform", platform_id, ("replaces", i),
                          "平台不能取代自己 (a platform cannot replace itself)")
            elif older is not None and older.successor != platform_id:
                yield catalog.problem_at("platform", platform_id, ("replaces", i),
                          f"平台 {older_id} 的 successor 不是本平台：在 {older_id} 中写 successor: {platform_id}，"
                          f"或从 replaces 中删去 (the replaced platform's successor must be this one)")


def _loops(platforms: dict, start: str) -> bool:
    seen, current = set(), platforms[start].successor
    while current and current in platforms and current not in seen:
        if current == start:
            return True
        seen.add(current)
        current = platforms[current].successor
    return current == start

"""Disjoint sets of graph nodes whose roots keep their members up to date.

Resolution links forms, name keys, acronyms and domain entries into bodies and, between unions, asks
what a body already holds (its domain entries, its acronyms, whether it has a written name). Keeping
each root's members, grouped by kind, answers that without rescanning every node after each union.
"""

from __future__ import annotations


class ComponentMap:
    """Union-find over node names; each root holds its component's members grouped by the kind given
    when the node was added.

    The root of a component is its smallest node name, so which node represents a body does not depend
    on the order of the unions; members move from the smaller component into the larger one."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._members: dict[str, dict[str, set[str]]] = {}
        self._size: dict[str, int] = {}

    def __contains__(self, node: str) -> bool:
        return node in self._parent

    def __len__(self) -> int:
        return len(self._parent)

    def add(self, node: str, kind: str) -> str:
        """Add ``node`` as a component of its own (a node already present keeps its component); its root."""
        if node in self._parent:
            return self.find(node)
        self._parent[node] = node
        self._members[node] = {kind: {node}}
        self._size[node] = 1
        return node

    def find(self, node: str) -> str:
        """Root of the component of ``node`` (which must have been added), halving the path on the way."""
        parent = self._parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, a: str, b: str) -> str:
        """Join the components of ``a`` and ``b``; the root of the joined component."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        root, child = min(ra, rb), max(ra, rb)
        self._parent[child] = root
        big, small = self._members.pop(ra), self._members.pop(rb)
        if self._size[ra] < self._size[rb]:
            big, small = small, big
        for kind, nodes in small.items():
            big.setdefault(kind, set()).update(nodes)
        self._members[root] = big
        self._size[root] = self._size.pop(child) + self._size[root]
        return root

    def members(self, node: str, kind: str) -> frozenset[str]:
        """The nodes of ``kind`` in the component of ``node``."""
        return frozenset(self._members[self.find(node)].get(kind, ()))

    def has(self, node: str, kind: str) -> bool:
        """Whether the component of ``node`` holds a node of ``kind``."""
        return bool(self._members[self.find(node)].get(kind))

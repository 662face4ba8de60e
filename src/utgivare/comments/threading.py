"""Where a reply nests in a thread, and the sortable path that keeps a thread in order.

A thread is stored flat: every comment has a `thread_path`, its ancestors' ids
and its own, each zero-padded to the same width and concatenated. Sorting a
page's comments by that path gives the whole thread in reading order (each
comment followed by its replies, oldest first) in one query, on any database
and under any collation, because the path holds nothing but digits.

Depth counts from 1 (a top-level comment). A reply nests one level below the
comment it answers until the configured maximum depth; deeper replies attach
at the last level, beside the comment they answer, and say whom they answer.
"""

from dataclasses import dataclass

SEGMENT_WIDTH = 10
# Every stored path must fit the column; max depth is validated against this.
MAX_SUPPORTED_DEPTH = 10
PATH_MAX_LENGTH = SEGMENT_WIDTH * MAX_SUPPORTED_DEPTH
DEFAULT_MAX_DEPTH = 3


@dataclass(frozen=True)
class Node:
    """What placement needs to know about the comment being answered."""

    id: int
    thread_path: str

    @property
    def depth(self) -> int:
        return path_depth(self.thread_path)


@dataclass(frozen=True)
class Placement:
    parent_id: int | None  # the comment it nests under (None: top level)
    parent_path: str  # that comment's thread path ("" at top level)
    depth: int
    # True when the reply could not nest under the comment it answers and
    # therefore names it ("Svar till Anna").
    names_answered: bool


def place_reply(answered: Node | None, max_depth: int) -> Placement:
    """Where a new comment goes, given the comment it answers (None: a new thread)."""
    max_depth = max(1, min(max_depth, MAX_SUPPORTED_DEPTH))
    if answered is None:
        return Placement(parent_id=None, parent_path="", depth=1, names_answered=False)
    if answered.depth < max_depth:
        return Placement(
            parent_id=answered.id,
            parent_path=answered.thread_path,
            depth=answered.depth + 1,
            names_answered=False,
        )
    # At the last level (or beyond it, if the setting was lowered since): attach
    # under the answered comment's ancestor one level above the last, so the
    # reply sits at the last level right after the conversation it joins.
    parent_path = answered.thread_path[: (max_depth - 1) * SEGMENT_WIDTH]
    return Placement(
        parent_id=path_ids(parent_path)[-1] if parent_path else None,
        parent_path=parent_path,
        depth=max_depth,
        names_answered=True,
    )


def segment(comment_id: int) -> str:
    if comment_id < 0 or comment_id >= 10**SEGMENT_WIDTH:
        raise ValueError(f"comment id {comment_id} does not fit a thread path segment")
    return f"{comment_id:0{SEGMENT_WIDTH}d}"


def child_path(parent_path: str, comment_id: int) -> str:
    return parent_path + segment(comment_id)


def path_depth(path: str) -> int:
    return len(path) // SEGMENT_WIDTH


def parent_path_of(path: str) -> str:
    return path[:-SEGMENT_WIDTH]


def path_ids(path: str) -> list[int]:
    """The ids along a path, top-level comment first, the comment itself last."""
    return [int(path[i : i + SEGMENT_WIDTH]) for i in range(0, len(path), SEGMENT_WIDTH)]

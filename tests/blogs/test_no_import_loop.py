"""blogs.models imports blogs.feeds (the feed route), never the other way round:
the feed works on the BlogPage it is given, so the two modules form no loop."""

import ast
import inspect

from utgivare.blogs import feeds


def imported_modules(module) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_blog_feed_module_imports_no_blog_model():
    imported = imported_modules(feeds)
    assert not imported & {".models", ".", "utgivare.blogs.models", "utgivare.blogs"}

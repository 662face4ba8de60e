"""`make test` runs the suite on two xdist workers with `--dist loadgroup`: a module marked
with an xdist_group runs on one worker, so its module-scoped content is built once (not
again each time a worker comes back to the module). xdist sends a test to a worker by its
id: a grouped test's id must end in "@group" (tests/conftest.py keeps it so)."""

import pytest

pytestmark = pytest.mark.xdist_group("xdist_groups_check")


def test_a_grouped_test_carries_its_group_in_its_id(request):
    if not getattr(request.config, "workerinput", None) or not request.config.getvalue("loadgroup"):
        pytest.skip("only under xdist with --dist loadgroup, as `make test` runs it")
    assert request.node.nodeid.endswith("@xdist_groups_check")

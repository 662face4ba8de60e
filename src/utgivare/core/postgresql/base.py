"""Django's PostgreSQL backend; only the per-request health check differs.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first query of every
request that reuses a connection: a round trip to the server on every page, which
on a per-reader page costs as much as the one query the page itself needs.

A connection that broke while idle has already told us so: a server that restarts,
or a backend ended by an administrator or an idle timeout, sends its FATAL message
and closes the socket, so the socket is readable. A healthy idle connection has
nothing to read (this app uses no LISTEN). So the socket is asked first, without
waiting; only when something arrived (or the question fails) does Django's own check
run, which then finds the connection dead and opens a new one before the query.
What neither can see (a peer gone without a word) costs the first query a network
timeout either way.
"""

import select

from django.db.backends.postgresql import base


def _has_nothing_to_read(fileno: int) -> bool:
    poller = select.poll()
    poller.register(fileno, select.POLLIN | select.POLLPRI)
    return not poller.poll(0)


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and self.pool is None
        ):
            try:
                idle_and_quiet = not self.connection.closed and _has_nothing_to_read(
                    self.connection.fileno()
                )
            except (OSError, ValueError, self.Database.Error):
                idle_and_quiet = False
            if idle_and_quiet:
                self.health_check_done = True
                return
        super().close_if_health_check_failed()

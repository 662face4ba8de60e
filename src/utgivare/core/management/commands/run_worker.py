"""The one background process: periodic jobs, and the task queue when tasks are stored.

`utgivare run_worker` runs each job of `settings.PERIODIC_JOBS` when it is due
(scheduled publishing every minute, clean-ups daily), and, with
`TASKS_BACKEND=database`, the queued tasks too (django-tasks' database worker, in
batches between ticks), so a small install needs this one process beside the web
server and no cron. `make demo` starts it beside runserver.
"""

import logging
import signal
import threading
import traceback

from django.core.management import BaseCommand, call_command
from django.db import close_old_connections
from django.utils import timezone

from utgivare.core import periodic

logger = logging.getLogger(__name__)


def run_due_jobs(now, stdout=None):
    """Run every configured job that is due at `now`; returns the commands run."""
    ran = []
    for job in periodic.configured_jobs():
        if not periodic.claim_due_job(job, now):
            continue
        error = ""
        try:
            call_command(job.command, **({"stdout": stdout} if stdout else {}))
        except Exception:  # noqa: BLE001 - one failing job must not stop the others
            logger.exception("Periodic job %s failed", job.command)
            error = traceback.format_exc()
        periodic.record_finish(job, timezone.now(), error)
        ran.append(job.command)
    return ran


def run_queued_tasks():
    """Empty the task queue when tasks are stored in the database; else nothing to do."""
    from django_tasks import task_backends

    try:
        from django_tasks_db import DatabaseBackend
        from django_tasks_db.management.commands.db_worker import Worker
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - django-tasks-db is a dependency
        return
    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return
    if not DBTaskResult.objects.ready().filter(backend_name=backend.alias).exists():
        return  # the common case; the worker would only log that it found nothing
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend.alias,
        startup_delay=False,
        max_tasks=None,
        worker_id="run_worker",
        excluded_queue_names=[],
    ).run()


class Command(BaseCommand):
    help = "Run scheduled publishing and the other periodic jobs, and the task queue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Seconds between looks for due jobs and queued tasks (default 5).",
        )
        parser.add_argument(
            "--once", action="store_true", help="Run what is due once and exit (for cron)."
        )

    def handle(self, *args, interval, once, **options):
        stopping = threading.Event()
        if not once:
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda *_: stopping.set())
            self.stdout.write(f"Worker running; looks for due jobs every {interval:g} s.")
        if once:
            self.tick()
            return
        while not stopping.is_set():
            # Like a request: a connection broken while asleep is replaced, not reused.
            close_old_connections()
            self.tick()
            close_old_connections()
            stopping.wait(interval)

    def tick(self):
        for command in run_due_jobs(timezone.now(), stdout=self.stdout):
            logger.info("Periodic job %s ran", command)
        run_queued_tasks()

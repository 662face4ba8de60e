"""Jobs that run by themselves: the schedule and its rules.

The worker process (`utgivare run_worker`) runs each job of `settings.PERIODIC_JOBS`
(a management command name -> how often, in seconds) when it is due, and records each
start in `PeriodicJobRun`. That row is also the heartbeat the admin reads: when
scheduled publishing has not started for `SCHEDULER_LATE_AFTER_MINUTES`, nothing is
running the worker and the dashboard says so.

The rules are plain functions of times; `claim_due_job` is the one place that writes.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

# The job whose absence editors notice first: a scheduled article that never appears.
HEARTBEAT_JOB = "publish_scheduled"


@dataclass(frozen=True)
class PeriodicJob:
    command: str
    every: timedelta


def configured_jobs() -> list[PeriodicJob]:
    return [
        PeriodicJob(command, timedelta(seconds=seconds))
        for command, seconds in settings.PERIODIC_JOBS.items()
    ]


def is_due(job: PeriodicJob, last_started_at: datetime | None, now: datetime) -> bool:
    """A job never run is due at once; otherwise once `every` has passed since its last start."""
    return last_started_at is None or now - last_started_at >= job.every


@dataclass(frozen=True)
class SchedulerState:
    late: bool
    last_run_at: datetime | None


def scheduler_state(
    last_run_at: datetime | None, now: datetime, late_after: timedelta
) -> SchedulerState:
    """Late when the heartbeat job has never run, or not within `late_after`."""
    return SchedulerState(
        late=last_run_at is None or now - last_run_at > late_after, last_run_at=last_run_at
    )


def claim_due_job(job: PeriodicJob, now: datetime) -> bool:
    """Mark `job` as started at `now` if it is due; True if this process won it.

    One conditional UPDATE, so two workers started by mistake never run a job twice
    in the same period.
    """
    from .models import PeriodicJobRun

    PeriodicJobRun.objects.get_or_create(command=job.command)
    due = Q(last_started_at__isnull=True) | Q(last_started_at__lte=now - job.every)
    return bool(PeriodicJobRun.objects.filter(due, command=job.command).update(last_started_at=now))


def record_finish(job: PeriodicJob, now: datetime, error: str = "") -> None:
    from .models import PeriodicJobRun

    PeriodicJobRun.objects.filter(command=job.command).update(
        last_finished_at=now, last_error=error[:2000]
    )


def current_scheduler_state(now: datetime) -> SchedulerState:
    from .models import PeriodicJobRun

    last_run_at = (
        PeriodicJobRun.objects.filter(command=HEARTBEAT_JOB)
        .values_list("last_started_at", flat=True)
        .first()
    )
    late_after = timedelta(minutes=settings.SCHEDULER_LATE_AFTER_MINUTES)
    return scheduler_state(last_run_at, now, late_after)

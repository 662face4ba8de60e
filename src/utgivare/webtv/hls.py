"""The HLS ladder: which renditions a source allows, and the playlists that tie them.

Pure functions; `tasks.transcode_hls` runs ffmpeg with the commands built here.
A rung is never taller than the source (no upscaling); a source smaller than
the lowest rung gets one rung at its own height, so every video has HLS.
"""

from __future__ import annotations

from dataclasses import dataclass

MASTER = "master.m3u8"
SEGMENT_SECONDS = 4


@dataclass(frozen=True)
class Rung:
    name: str  # also the folder of its playlist and segments
    height: int
    video_kbps: int
    audio_kbps: int = 96


LADDER = (
    Rung("360p", 360, 800),
    Rung("720p", 720, 2800),
    Rung("1080p", 1080, 5000),
)


def even(value: float) -> int:
    """H.264 in 4:2:0 needs even dimensions."""
    return max(2, int(round(value / 2)) * 2)


def rungs_for(source_height: int) -> list[Rung]:
    rungs = [rung for rung in LADDER if rung.height <= source_height]
    if not rungs and source_height > 0:
        height = even(source_height)
        # Small sources (a test clip, an old phone video): one rung at their own size.
        rungs = [Rung(f"{height}p", height, max(100, LADDER[0].video_kbps * height // 360))]
    return rungs


def rung_width(rung: Rung, source_width: int, source_height: int) -> int:
    return even(source_width * rung.height / source_height)


def ffmpeg_args(source: str, out_dir: str, rung: Rung, has_audio: bool) -> list[str]:
    """Arguments (after the binary) that write one rung's playlist and segments to out_dir."""
    args = [
        "-hide_banner",
        "-nostdin",
        "-loglevel",
        "error",
        "-y",
        "-i",
        source,
        "-map",
        "0:v:0",
        "-vf",
        f"scale=-2:{rung.height}",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-profile:v",
        "main",
        "-pix_fmt",
        "yuv420p",
        "-b:v",
        f"{rung.video_kbps}k",
        "-maxrate",
        f"{rung.video_kbps * 107 // 100}k",
        "-bufsize",
        f"{rung.video_kbps * 3 // 2}k",
        # A keyframe at every segment boundary, so players can switch rungs there.
        "-force_key_frames",
        f"expr:gte(t,n_forced*{SEGMENT_SECONDS})",
    ]
    if has_audio:
        args += ["-map", "0:a:0", "-c:a", "aac", "-b:a", f"{rung.audio_kbps}k", "-ac", "2"]
    args += [
        "-f",
        "hls",
        "-hls_time",
        str(SEGMENT_SECONDS),
        "-hls_playlist_type",
        "vod",
        "-hls_segment_filename",
        f"{out_dir}/seg_%04d.ts",
        "-progress",
        "pipe:1",
        "-nostats",
        f"{out_dir}/index.m3u8",
    ]
    return args


def master_playlist(
    rungs: list[Rung], source_width: int, source_height: int, has_audio: bool
) -> str:
    """The master playlist: one line per rung, lowest first, with relative URIs."""
    codecs = "avc1.4d401f,mp4a.40.2" if has_audio else "avc1.4d401f"
    lines = ["#EXTM3U", "#EXT-X-VERSION:3"]
    for rung in rungs:
        bandwidth = (rung.video_kbps + (rung.audio_kbps if has_audio else 0)) * 1000
        width = rung_width(rung, source_width, source_height)
        lines.append(
            f'#EXT-X-STREAM-INF:BANDWIDTH={bandwidth},RESOLUTION={width}x{rung.height},CODECS="{codecs}"'
        )
        lines.append(f"{rung.name}/index.m3u8")
    return "\n".join(lines) + "\n"


def progress_percent(
    done_rungs: int, total_rungs: int, rung_seconds: float, duration: float
) -> int:
    """Overall progress: finished rungs plus how far the current one is."""
    if total_rungs <= 0:
        return 0
    within = min(1.0, rung_seconds / duration) if duration > 0 else 0.0
    return min(99, int(100 * (done_rungs + within) / total_rungs))

"""Synthesised speech-like audio encoded to MP3 with lameenc: for the demo loader,
tests and the bench (no binary fixtures in the repository)."""

import math
from array import array

import lameenc

SAMPLE_RATE = 22050


def _samples(seconds: float, base_hz: float, sample_rate: int):
    count = int(seconds * sample_rate)
    for n in range(count):
        t = n / sample_rate
        # A low hum that rises and falls every second: something to hear, nothing to copy.
        envelope = 0.35 + 0.25 * math.sin(2 * math.pi * 0.5 * t)
        value = envelope * (
            math.sin(2 * math.pi * base_hz * t) + 0.3 * math.sin(2 * math.pi * base_hz * 2.01 * t)
        )
        yield max(-32767, min(32767, int(value * 16000)))


def mp3_bytes(
    seconds: float, base_hz: float = 180.0, kbps: int = 32, sample_rate: int = SAMPLE_RATE
) -> bytes:
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(kbps)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(7)
    out = bytearray()
    # The hum repeats every two seconds: synthesise two, then repeat them.
    cycle = array("h", _samples(min(seconds, 2.0), base_hz, sample_rate))
    whole_cycles, rest = divmod(int(seconds * sample_rate), len(cycle))
    pcm = cycle * whole_cycles + cycle[:rest]
    out += encoder.encode(pcm.tobytes())
    out += encoder.flush()
    return bytes(out)

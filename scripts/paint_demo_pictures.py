"""Paint the demo magazine's pictures, once, into src/utgivare/demo/content/pictures/.

    .venv/bin/python scripts/paint_demo_pictures.py

The demo ships the JPEG files this writes; the site never runs this code. No
picture comes from anywhere else: each is drawn from a motif ("harbour",
"townhall" …) and a seed, so running it again paints the same pictures. Scenes
are laid out in fractions of the canvas, so they work at any size and
orientation. Shapes are drawn at twice the size and scaled down, which smooths
their edges; each picture is painted at full size and then reduced to the
largest rendition the site shows (`PICTURES` below), which keeps it sharp and
the files small.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

HERO_SIZE = (1600, 900)
COVER_SIZE = (800, 1100)
PORTRAIT_SIZE = (400, 400)
SUPERSAMPLE = 2
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))

Color = tuple[int, int, int]


def mix(a: Color, b: Color, t: float) -> Color:
    t = max(0.0, min(1.0, t))
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def shade(color: Color, factor: float) -> Color:
    return tuple(max(0, min(255, round(c * factor))) for c in color)


def rgba(color: Color, alpha: int) -> tuple[int, int, int, int]:
    return (*color, alpha)


@dataclass(frozen=True)
class Light:
    """The time of day: sky, sun and how far away things fade into the air."""

    sky_top: Color
    sky_bottom: Color
    sun: Color | None
    sun_height: float  # fraction of the horizon's height above the horizon
    water_top: Color
    water_bottom: Color
    land: Color  # the darkest, nearest ground
    windows_lit: bool = False
    stars: bool = False


LIGHTS = {
    "day": Light(
        (78, 131, 190),
        (196, 219, 235),
        (255, 248, 225),
        0.75,
        (90, 135, 170),
        (38, 70, 98),
        (44, 66, 48),
    ),
    "evening": Light(
        (58, 66, 128),
        (246, 172, 118),
        (255, 214, 150),
        0.12,
        (120, 104, 130),
        (40, 44, 76),
        (34, 36, 44),
        windows_lit=True,
    ),
    "overcast": Light(
        (132, 142, 152), (204, 208, 208), None, 0.5, (120, 132, 138), (60, 72, 80), (52, 62, 56)
    ),
    "dawn": Light(
        (112, 128, 178),
        (250, 212, 178),
        (255, 236, 200),
        0.22,
        (150, 150, 172),
        (60, 70, 100),
        (44, 52, 56),
    ),
    "night": Light(
        (8, 14, 38),
        (34, 52, 92),
        None,
        0.5,
        (26, 38, 64),
        (8, 14, 30),
        (10, 14, 22),
        windows_lit=True,
        stars=True,
    ),
}


class Canvas:
    """A picture being painted, with coordinates in fractions of its size."""

    def __init__(self, size: tuple[int, int], rng: random.Random, light: Light):
        self.w, self.h = size
        self.rng = rng
        self.light = light
        self.image = Image.new("RGB", size, light.sky_bottom)
        self.draw = ImageDraw.Draw(self.image, "RGBA")

    def x(self, fraction: float) -> int:
        return round(fraction * self.w)

    def y(self, fraction: float) -> int:
        return round(fraction * self.h)

    def unit(self, fraction: float) -> int:
        """A length relative to the smaller side, so shapes keep their proportions."""
        return max(1, round(fraction * min(self.w, self.h)))

    def haze(self, color: Color, depth: float) -> Color:
        """Far things take on the colour of the air near the horizon."""
        return mix(color, self.light.sky_bottom, depth)

    def soft_layer(self, paint, blur: float):
        """Paint on a transparent layer at quarter size, blur it and lay it over."""
        small = (max(1, self.w // 4), max(1, self.h // 4))
        layer = Image.new("RGBA", small, (0, 0, 0, 0))
        paint(ImageDraw.Draw(layer), small)
        layer = layer.filter(ImageFilter.GaussianBlur(max(0.5, blur * min(small))))
        layer = layer.resize((self.w, self.h), Image.BILINEAR)
        self.image.paste(layer, (0, 0), layer)
        self.draw = ImageDraw.Draw(self.image, "RGBA")


def vertical_gradient(size: tuple[int, int], top: Color, bottom: Color) -> Image.Image:
    width, height = size
    column = Image.new("RGB", (1, max(1, height)))
    column.putdata([mix(top, bottom, row / max(1, height - 1)) for row in range(height)])
    return column.resize((max(1, width), max(1, height)))


# --- Elements -------------------------------------------------------------------------


def sky(c: Canvas, horizon: float):
    light = c.light
    c.image.paste(vertical_gradient((c.w, c.y(horizon) + 1), light.sky_top, light.sky_bottom))
    if light.stars:
        for _ in range(int(260 * c.w * c.h / 3_000_000) + 20):
            sx, sy = c.rng.random(), c.rng.random() * horizon * 0.9
            r = c.unit(0.0012 + c.rng.random() * 0.0018)
            c.draw.ellipse(
                (c.x(sx) - r, c.y(sy) - r, c.x(sx) + r, c.y(sy) + r),
                fill=rgba((235, 240, 255), c.rng.randint(90, 230)),
            )
        if c.rng.random() < 0.8:
            aurora(c, horizon)
        moon_x, moon_y = 0.15 + c.rng.random() * 0.7, horizon * (0.18 + c.rng.random() * 0.2)
        r = c.unit(0.035)
        glow(c, moon_x, moon_y, 0.09, (190, 205, 235), 90)
        c.draw.ellipse(
            (c.x(moon_x) - r, c.y(moon_y) - r, c.x(moon_x) + r, c.y(moon_y) + r),
            fill=(236, 236, 220),
        )
    if light.sun:
        sun_x = 0.2 + c.rng.random() * 0.6
        sun_y = horizon * (1 - light.sun_height)
        glow(c, sun_x, sun_y, 0.35, light.sun, 150)
        r = c.unit(0.04)
        c.draw.ellipse(
            (c.x(sun_x) - r, c.y(sun_y) - r, c.x(sun_x) + r, c.y(sun_y) + r),
            fill=rgba(light.sun, 235),
        )
    clouds(c, horizon)


def glow(c: Canvas, fx: float, fy: float, radius: float, color: Color, alpha: int):
    def paint(draw, size):
        r = radius * min(size)
        cx, cy = fx * size[0], fy * size[1]
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=rgba(color, alpha))

    c.soft_layer(paint, radius * 0.6)


def clouds(c: Canvas, horizon: float):
    count = c.rng.randint(2, 6)
    tint = mix((255, 255, 255), c.light.sky_bottom, 0.35)
    if c.light.stars:
        tint = (60, 70, 100)
    positions = [(c.rng.random(), horizon * (0.15 + c.rng.random() * 0.6)) for _ in range(count)]
    sizes = [(0.08 + c.rng.random() * 0.18, 0.02 + c.rng.random() * 0.04) for _ in range(count)]

    def paint(draw, size):
        for (fx, fy), (fw, fh) in zip(positions, sizes, strict=True):
            for _ in range(5):
                ox = (c.rng.random() - 0.5) * fw
                oy = (c.rng.random() - 0.5) * fh
                cx, cy = (fx + ox) * size[0], (fy + oy) * size[1]
                rw, rh = fw * size[0] * 0.5, fh * size[1] * 1.2
                draw.ellipse((cx - rw, cy - rh, cx + rw, cy + rh), fill=rgba(tint, 70))

    c.soft_layer(paint, 0.02)


def aurora(c: Canvas, horizon: float):
    bands = [(c.rng.random() * 0.3, 0.25 + c.rng.random() * 0.25) for _ in range(3)]

    def paint(draw, size):
        w, h = size
        for offset, height in bands:
            points_top, points_bottom = [], []
            for i in range(0, 41):
                fx = i / 40
                wave = math.sin((fx + offset) * 7) * 0.05 + math.sin((fx * 3 + offset) * 4) * 0.04
                y_bottom = (horizon * (0.55 + wave)) * h
                points_bottom.append((fx * w, y_bottom))
                points_top.append((fx * w, y_bottom - height * horizon * h))
            draw.polygon(points_top + points_bottom[::-1], fill=(90, 230, 150, 55))

    c.soft_layer(paint, 0.03)


def ridge(
    c: Canvas,
    base: float,
    amplitude: float,
    color: Color,
    trees: bool = True,
    start: float = 0.0,
    end: float = 1.0,
    bottom: float = 1.0,
):
    """A line of hills, optionally with the jagged edge of a spruce forest."""
    phases = [c.rng.random() * math.tau for _ in range(3)]
    steps = max(24, c.w // 6)
    points = [(c.x(start), c.y(bottom))]
    tree_size = amplitude * 0.35 + 0.006
    for i in range(steps + 1):
        fx = start + (end - start) * i / steps
        height = (
            math.sin(fx * 3.1 + phases[0]) * 0.5
            + math.sin(fx * 7.3 + phases[1]) * 0.3
            + math.sin(fx * 17.0 + phases[2]) * 0.2
        )
        fy = base - amplitude * (height + 1) / 2
        if trees and i % 2 == 0:
            fy -= tree_size * c.rng.random() * (1.0 if c.rng.random() < 0.55 else 0.3)
        points.append((c.x(fx), c.y(fy)))
    points.append((c.x(end), c.y(bottom)))
    c.draw.polygon(points, fill=color)


def water(c: Canvas, top: float, bottom: float = 1.0):
    """Water with the world above it mirrored, darkened and broken by ripples."""
    light = c.light
    y0, y1 = c.y(top), c.y(bottom)
    height = y1 - y0
    if height <= 0:
        return
    base = vertical_gradient((c.w, height), light.water_top, light.water_bottom)
    above = c.image.crop((0, max(0, y0 - height), c.w, y0)).transpose(Image.FLIP_TOP_BOTTOM)
    above = above.resize((c.w, height)).filter(ImageFilter.GaussianBlur(c.unit(0.004)))
    c.image.paste(Image.blend(base, above, 0.42), (0, y0))
    ripple = mix(light.sky_bottom, (255, 255, 255), 0.3)
    for _ in range(int(90 * c.w / 1600) + 12):
        fy = top + (bottom - top) * (c.rng.random() ** 1.6)
        fx = c.rng.random()
        length = 0.01 + c.rng.random() * 0.06 * (fy - top + 0.1)
        c.draw.line(
            (c.x(fx), c.y(fy), c.x(fx + length), c.y(fy)),
            fill=rgba(ripple, c.rng.randint(25, 80)),
            width=c.unit(0.0015),
        )


def spruce(c: Canvas, fx: float, base: float, height: float, color: Color):
    width = height * 0.38 * c.h / c.w
    tiers = 7
    left, right = [], []
    for i in range(tiers + 1):
        t = i / tiers
        y = base - height * (0.08 + 0.92 * t)
        spread = width * (1 - t) * 0.5
        left.append((c.x(fx - spread), c.y(y)))
        left.append((c.x(fx - spread * 0.45), c.y(y - height * 0.05)))
        right.append((c.x(fx + spread), c.y(y)))
        right.append((c.x(fx + spread * 0.45), c.y(y - height * 0.05)))
    top = (c.x(fx), c.y(base - height))
    trunk = c.unit(0.004)
    c.draw.rectangle(
        (c.x(fx) - trunk, c.y(base - height * 0.1), c.x(fx) + trunk, c.y(base)),
        fill=shade(color, 0.7),
    )
    c.draw.polygon(left + [top] + right[::-1], fill=color)


def leafy_tree(c: Canvas, fx: float, base: float, height: float, color: Color):
    trunk_w = c.unit(0.006)
    c.draw.rectangle(
        (c.x(fx) - trunk_w, c.y(base - height * 0.55), c.x(fx) + trunk_w, c.y(base)),
        fill=(226, 222, 214) if c.rng.random() < 0.5 else (70, 58, 48),
    )
    for _ in range(7):
        ox = (c.rng.random() - 0.5) * height * 0.45 * c.h / c.w
        oy = c.rng.random() * height * 0.45
        r = c.unit(height * (0.16 + c.rng.random() * 0.1))
        cx, cy = c.x(fx + ox), c.y(base - height * 0.62 - oy * 0.6)
        c.draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r), fill=shade(color, 0.85 + c.rng.random() * 0.3)
        )


def house(
    c: Canvas,
    fx: float,
    base: float,
    fw: float,
    fh: float,
    wall: Color,
    roof: Color | None = None,
    storeys: int = 2,
    gable: bool = True,
    trim: bool = True,
):
    """A building seen from the front, with windows lit at night."""
    x0, x1, y0, y1 = c.x(fx), c.x(fx + fw), c.y(base - fh), c.y(base)
    c.draw.rectangle((x0, y0, x1, y1), fill=wall)
    if gable:
        roof_h = (x1 - x0) * 0.32
        c.draw.polygon(
            [(x0 - c.unit(0.006), y0), ((x0 + x1) / 2, y0 - roof_h), (x1 + c.unit(0.006), y0)],
            fill=roof or (60, 60, 66),
        )
    else:
        c.draw.rectangle(
            (x0 - c.unit(0.003), y0 - c.unit(0.008), x1 + c.unit(0.003), y0),
            fill=roof or shade(wall, 0.7),
        )
    if trim:
        edge = c.unit(0.004)
        c.draw.rectangle((x0, y0, x0 + edge, y1), fill=(238, 236, 228))
        c.draw.rectangle((x1 - edge, y0, x1, y1), fill=(238, 236, 228))
    windows(c, x0, y0, x1, y1, storeys)


def windows(c: Canvas, x0, y0, x1, y1, rows: int, columns: int | None = None):
    floor_h = (y1 - y0) / rows
    columns = columns or max(1, round((x1 - x0) / (floor_h * 0.9)))
    cell_w = (x1 - x0) / columns
    lit = c.light.windows_lit
    for row in range(rows):
        for col in range(columns):
            wx0 = x0 + cell_w * (col + 0.28)
            wx1 = x0 + cell_w * (col + 0.72)
            wy0 = y0 + floor_h * (row + 0.22)
            wy1 = y0 + floor_h * (row + 0.72)
            if lit and c.rng.random() < 0.6:
                fill = mix((255, 206, 120), (255, 236, 180), c.rng.random())
            else:
                fill = mix((46, 58, 72), c.light.sky_bottom, 0.25 + c.rng.random() * 0.2)
            c.draw.rectangle((wx0, wy0, wx1, wy1), fill=fill)


def person(c: Canvas, fx: float, base: float, height: float, color: Color):
    head = height * 0.12
    cx = c.x(fx)
    width = height * 0.26 * c.h / c.w
    c.draw.ellipse(
        (
            c.x(fx - width * 0.25),
            c.y(base - height),
            c.x(fx + width * 0.25),
            c.y(base - height + head * 1.6),
        ),
        fill=color,
    )
    c.draw.rounded_rectangle(
        (
            c.x(fx - width / 2),
            c.y(base - height + head * 1.7),
            c.x(fx + width / 2),
            c.y(base - height * 0.42),
        ),
        radius=c.unit(height * 0.06),
        fill=color,
    )
    leg = max(1, c.x(width * 0.17))
    c.draw.rectangle(
        (cx - leg * 1.6, c.y(base - height * 0.45), cx - leg * 0.1, c.y(base)), fill=color
    )
    c.draw.rectangle(
        (cx + leg * 0.1, c.y(base - height * 0.45), cx + leg * 1.6, c.y(base)), fill=color
    )


def turbine(c: Canvas, fx: float, base: float, height: float, color: Color):
    hub = (c.x(fx), c.y(base - height))
    half = c.unit(height * 0.012) + 1
    c.draw.polygon(
        [
            (hub[0] - half * 0.6, hub[1]),
            (hub[0] + half * 0.6, hub[1]),
            (hub[0] + half * 1.4, c.y(base)),
            (hub[0] - half * 1.4, c.y(base)),
        ],
        fill=color,
    )
    angle = c.rng.random() * math.tau
    blade = height * 0.55 * c.h
    for k in range(3):
        a = angle + k * math.tau / 3
        tip = (hub[0] + math.cos(a) * blade, hub[1] + math.sin(a) * blade)
        side = (math.cos(a + 1.5708) * half * 1.3, math.sin(a + 1.5708) * half * 1.3)
        c.draw.polygon(
            [(hub[0] + side[0], hub[1] + side[1]), tip, (hub[0] - side[0], hub[1] - side[1])],
            fill=color,
        )
    r = half * 1.6
    c.draw.ellipse((hub[0] - r, hub[1] - r, hub[0] + r, hub[1] + r), fill=color)


def boat(c: Canvas, fx: float, base: float, size: float, hull: Color):
    w = size * c.h / c.w
    c.draw.polygon(
        [
            (c.x(fx - w), c.y(base - size * 0.25)),
            (c.x(fx + w), c.y(base - size * 0.25)),
            (c.x(fx + w * 0.75), c.y(base)),
            (c.x(fx - w * 0.7), c.y(base)),
        ],
        fill=hull,
    )
    c.draw.rectangle(
        (c.x(fx - w * 0.3), c.y(base - size * 0.6), c.x(fx + w * 0.25), c.y(base - size * 0.25)),
        fill=(236, 234, 226),
    )
    c.draw.line(
        (c.x(fx), c.y(base - size * 0.6), c.x(fx), c.y(base - size * 1.6)),
        fill=(40, 40, 44),
        width=c.unit(0.002),
    )


def ground(c: Canvas, top: float, color: Color, far: Color | None = None):
    c.image.paste(
        vertical_gradient((c.w, c.h - c.y(top)), far or shade(color, 1.15), color), (0, c.y(top))
    )


# --- Scenes ---------------------------------------------------------------------------

FALU_RED = (142, 42, 36)
HOUSE_COLOURS = [
    FALU_RED,
    (214, 180, 92),
    (232, 230, 220),
    (130, 160, 170),
    (186, 120, 80),
    (120, 140, 100),
    (222, 200, 170),
]
BOOK_COLOURS = [
    (120, 40, 40),
    (40, 70, 110),
    (180, 140, 60),
    (60, 100, 70),
    (200, 190, 170),
    (90, 60, 100),
    (170, 90, 50),
    (40, 40, 46),
    (150, 160, 150),
]


def forest_backdrop(c: Canvas, horizon: float, layers: int = 3):
    land = c.light.land
    for i in range(layers):
        depth = 0.75 - i * 0.25
        base = horizon + 0.01 * i
        ridge(c, base, 0.06 + 0.04 * (layers - i), c.haze(land, depth), trees=True)


def scene_harbour(c: Canvas):
    horizon = 0.56
    sky(c, horizon)
    ridge(c, horizon, 0.07, c.haze(c.light.land, 0.7))
    ridge(c, horizon, 0.035, c.haze(c.light.land, 0.45), start=0.45)
    water(c, horizon)
    for _ in range(c.rng.randint(1, 3)):
        boat(
            c,
            0.55 + c.rng.random() * 0.35,
            0.66 + c.rng.random() * 0.08,
            0.03,
            c.rng.choice([(230, 230, 226), (160, 40, 36), (40, 60, 90)]),
        )
    quay = c.haze((70, 70, 74), 0.1)
    c.draw.polygon(
        [(0, c.y(0.74)), (c.x(0.62), c.y(0.79)), (c.x(0.66), c.y(1.0)), (0, c.y(1.0))], fill=quay
    )
    c.draw.line((0, c.y(0.74), c.x(0.62), c.y(0.79)), fill=shade(quay, 1.5), width=c.unit(0.006))
    offset = 0.02
    for _ in range(3):
        width = 0.12 + c.rng.random() * 0.06
        colour = c.haze(c.rng.choice([FALU_RED, FALU_RED, (190, 150, 80)]), 0.08)
        base = 0.745 + offset * 0.08
        house(c, offset, base, width, 0.13, colour, roof=(50, 50, 56), storeys=2)
        offset += width + 0.03
    crane_x = c.x(0.5)
    steel = shade(c.light.land, 0.9)
    c.draw.line((crane_x, c.y(0.77), crane_x, c.y(0.38)), fill=steel, width=c.unit(0.008))
    c.draw.line(
        (crane_x - c.x(0.05), c.y(0.4), crane_x + c.x(0.16), c.y(0.44)),
        fill=steel,
        width=c.unit(0.006),
    )
    c.draw.line(
        (crane_x + c.x(0.15), c.y(0.44), crane_x + c.x(0.15), c.y(0.6)),
        fill=steel,
        width=c.unit(0.002),
    )
    for i in range(5):
        bx = c.x(0.05 + i * 0.12)
        by = c.y(0.76 + i * 0.01)
        r = c.unit(0.008)
        c.draw.rectangle((bx - r, by - r * 2.4, bx + r, by), fill=(30, 30, 34))


def scene_coast(c: Canvas):
    horizon = 0.5
    sky(c, horizon)
    for _ in range(3):
        start = c.rng.random() * 0.8
        ridge(
            c,
            horizon,
            0.02 + c.rng.random() * 0.03,
            c.haze(c.light.land, 0.6),
            start=start,
            end=min(1.0, start + 0.1 + c.rng.random() * 0.2),
        )
    water(c, horizon)
    granite = c.haze((150, 128, 120), 0.1)
    for _ in range(9):
        fx = c.rng.random()
        fy = 0.78 + c.rng.random() * 0.22
        rw, rh = c.unit(0.1 + c.rng.random() * 0.12), c.unit(0.04 + c.rng.random() * 0.05)
        tone = shade(granite, 0.75 + c.rng.random() * 0.4)
        c.draw.ellipse((c.x(fx) - rw, c.y(fy) - rh, c.x(fx) + rw, c.y(fy) + rh * 2), fill=tone)
        c.draw.ellipse(
            (c.x(fx) - rw * 0.6, c.y(fy) - rh * 0.8, c.x(fx) + rw * 0.3, c.y(fy)),
            fill=shade(tone, 1.15),
        )
    for i in range(c.rng.randint(2, 4)):
        fx = 0.58 + i * 0.09
        house(
            c,
            fx,
            0.79 + i * 0.004,
            0.07,
            0.07,
            c.haze(FALU_RED, 0.05),
            roof=(48, 44, 44),
            storeys=1,
        )
    c.draw.rectangle((c.x(0.52), c.y(0.795), c.x(0.6), c.y(0.805)), fill=(96, 80, 64))


def scene_forest(c: Canvas):
    horizon = 0.5
    sky(c, horizon)
    forest_backdrop(c, horizon, 3)
    water(c, horizon + 0.04, 0.7)

    def mist(draw, size):
        w, h = size
        draw.rectangle((0, h * (horizon - 0.04), w, h * (horizon + 0.05)), fill=(235, 235, 235, 70))

    c.soft_layer(mist, 0.03)
    ground(c, 0.7, shade(c.light.land, 0.8), far=shade(c.light.land, 1.1))
    for fx in sorted(c.rng.random() for _ in range(14)):
        if 0.3 < fx < 0.7:
            continue
        spruce(
            c,
            fx,
            0.98 + c.rng.random() * 0.04,
            0.35 + c.rng.random() * 0.35,
            shade(c.light.land, 0.55 + c.rng.random() * 0.25),
        )


def scene_windpower(c: Canvas):
    horizon = 0.62
    sky(c, horizon)
    ridge(c, horizon, 0.08, c.haze(c.light.land, 0.75))
    ridge(c, horizon + 0.03, 0.12, c.haze(c.light.land, 0.5))
    white = c.haze((236, 238, 240), 0.25 if not c.light.stars else 0.8)
    for i in range(c.rng.randint(5, 8)):
        fx = 0.08 + i * 0.13 + c.rng.random() * 0.04
        turbine(c, fx, horizon - 0.06 + c.rng.random() * 0.03, 0.26 + c.rng.random() * 0.05, white)
    ridge(c, horizon + 0.08, 0.05, c.haze(c.light.land, 0.25))
    ground(c, horizon + 0.12, mix(c.light.land, (110, 120, 60), 0.5))
    house(c, 0.16, 0.86, 0.14, 0.11, FALU_RED, roof=(50, 46, 46), storeys=2)
    for fx in (0.05, 0.36, 0.42, 0.9, 0.96):
        spruce(c, fx, 0.9, 0.2 + c.rng.random() * 0.1, shade(c.light.land, 0.7))


def scene_townhall(c: Canvas):
    horizon = 0.7
    sky(c, horizon)
    ridge(c, horizon - 0.06, 0.06, c.haze(c.light.land, 0.6))
    for fx in (0.05, 0.12, 0.86, 0.94):
        leafy_tree(c, fx, horizon, 0.22, c.haze((70, 100, 60), 0.15))
    plaster = c.haze((212, 184, 132), 0.05)
    house(c, 0.2, horizon, 0.6, 0.3, plaster, roof=(80, 70, 64), storeys=3, gable=False, trim=False)
    tower = (c.x(0.45), c.y(horizon - 0.52), c.x(0.55), c.y(horizon - 0.3))
    c.draw.rectangle(tower, fill=shade(plaster, 0.95))
    c.draw.polygon(
        [
            (tower[0], tower[1]),
            ((tower[0] + tower[2]) / 2, tower[1] - c.y(0.08)),
            (tower[2], tower[1]),
        ],
        fill=(60, 90, 84),
    )
    r = c.unit(0.035)
    cx, cy = (tower[0] + tower[2]) / 2, tower[1] + (tower[3] - tower[1]) * 0.42
    c.draw.ellipse(
        (cx - r, cy - r, cx + r, cy + r),
        fill=(244, 240, 228),
        outline=(40, 40, 40),
        width=c.unit(0.004),
    )
    c.draw.line((cx, cy, cx, cy - r * 0.7), fill=(30, 30, 30), width=c.unit(0.004))
    c.draw.line((cx, cy, cx + r * 0.5, cy + r * 0.2), fill=(30, 30, 30), width=c.unit(0.004))
    door = (c.x(0.47), c.y(horizon - 0.09), c.x(0.53), c.y(horizon))
    c.draw.rectangle(door, fill=(70, 46, 34))
    ground(c, horizon, (150, 146, 140), far=(178, 174, 166))
    for i in range(1, 8):  # paving lines in perspective
        y = horizon + (1 - horizon) * (i / 8) ** 1.6
        c.draw.line((0, c.y(y), c.w, c.y(y)), fill=(120, 116, 110, 120), width=c.unit(0.002))
    for i in range(-6, 7):
        c.draw.line(
            (c.x(0.5 + i * 0.03), c.y(horizon), c.x(0.5 + i * 0.25), c.h),
            fill=(120, 116, 110, 120),
            width=c.unit(0.002),
        )
    for pole_x in (0.3, 0.7):
        c.draw.line(
            (c.x(pole_x), c.y(horizon), c.x(pole_x), c.y(horizon - 0.4)),
            fill=(230, 230, 230),
            width=c.unit(0.004),
        )
        c.draw.rectangle(
            (c.x(pole_x), c.y(horizon - 0.4), c.x(pole_x + 0.05), c.y(horizon - 0.35)),
            fill=(30, 80, 140),
        )
    for _ in range(c.rng.randint(3, 6)):
        fy = horizon + 0.08 + c.rng.random() * 0.2
        person(c, c.rng.random(), fy, 0.1 + (fy - horizon) * 0.5, (36, 36, 42))


def scene_street(c: Canvas):
    horizon = 0.66
    sky(c, horizon)
    ridge(c, horizon - 0.12, 0.08, c.haze(c.light.land, 0.6))
    fx = -0.02
    while fx < 1.0:
        width = 0.12 + c.rng.random() * 0.1
        height = 0.2 + c.rng.random() * 0.16
        house(
            c,
            fx,
            horizon,
            width,
            height,
            c.haze(c.rng.choice(HOUSE_COLOURS), 0.06),
            roof=c.rng.choice([(60, 60, 66), (110, 50, 40), (70, 80, 80)]),
            storeys=2 if height < 0.3 else 3,
        )
        fx += width + 0.005
    ground(c, horizon, (96, 96, 100), far=(130, 130, 134))
    c.draw.rectangle((0, c.y(horizon), c.w, c.y(horizon + 0.05)), fill=(170, 166, 158))
    for i in range(6):
        lx = c.x(0.08 + i * 0.18)
        c.draw.line(
            (lx, c.y(horizon + 0.05), lx, c.y(horizon - 0.22)),
            fill=(36, 36, 40),
            width=c.unit(0.005),
        )
        r = c.unit(0.012)
        lamp = (255, 214, 140) if c.light.windows_lit else (230, 230, 220)
        c.draw.ellipse(
            (lx - r, c.y(horizon - 0.23) - r, lx + r, c.y(horizon - 0.23) + r), fill=lamp
        )
    for _ in range(c.rng.randint(3, 6)):
        person(c, c.rng.random(), horizon + 0.05 + c.rng.random() * 0.02, 0.13, (34, 34, 40))
    car_x = c.rng.random() * 0.6 + 0.1
    c.draw.rounded_rectangle(
        (c.x(car_x), c.y(0.8), c.x(car_x + 0.2), c.y(0.88)),
        radius=c.unit(0.02),
        fill=c.rng.choice([(150, 30, 30), (30, 60, 110)]),
    )
    c.draw.rounded_rectangle(
        (c.x(car_x + 0.04), c.y(0.75), c.x(car_x + 0.15), c.y(0.81)),
        radius=c.unit(0.02),
        fill=(60, 70, 80),
    )
    for wheel in (0.045, 0.155):
        r = c.unit(0.025)
        cx = c.x(car_x + wheel)
        c.draw.ellipse((cx - r, c.y(0.88) - r, cx + r, c.y(0.88) + r), fill=(20, 20, 20))


def scene_school(c: Canvas):
    horizon = 0.66
    sky(c, horizon)
    forest_backdrop(c, horizon - 0.06, 2)
    wall = c.rng.choice([(222, 190, 100), (180, 70, 50), (214, 204, 180)])
    house(
        c,
        0.1,
        horizon,
        0.62,
        0.22,
        c.haze(wall, 0.05),
        roof=(70, 60, 58),
        storeys=2,
        gable=False,
        trim=False,
    )
    c.draw.rectangle((c.x(0.36), c.y(horizon - 0.08), c.x(0.46), c.y(horizon)), fill=(60, 70, 80))
    c.draw.line(
        (c.x(0.8), c.y(horizon), c.x(0.8), c.y(horizon - 0.38)),
        fill=(235, 235, 235),
        width=c.unit(0.004),
    )
    ground(c, horizon, (112, 112, 116), far=(140, 140, 144))
    for i in range(5):  # hopscotch squares
        c.draw.rectangle(
            (c.x(0.2 + i * 0.05), c.y(0.86), c.x(0.24 + i * 0.05), c.y(0.92)),
            outline=(236, 236, 226),
            width=c.unit(0.003),
        )
    bus_y = horizon + 0.13
    c.draw.rounded_rectangle(
        (c.x(0.58), c.y(bus_y - 0.14), c.x(0.98), c.y(bus_y)),
        radius=c.unit(0.02),
        fill=(236, 186, 40),
    )
    for i in range(6):
        c.draw.rectangle(
            (c.x(0.6 + i * 0.062), c.y(bus_y - 0.12), c.x(0.65 + i * 0.062), c.y(bus_y - 0.07)),
            fill=(60, 74, 90),
        )
    for wheel in (0.65, 0.9):
        r = c.unit(0.03)
        c.draw.ellipse(
            (c.x(wheel) - r, c.y(bus_y) - r, c.x(wheel) + r, c.y(bus_y) + r), fill=(24, 24, 24)
        )
    for _ in range(c.rng.randint(3, 7)):
        person(
            c,
            0.05 + c.rng.random() * 0.5,
            0.8 + c.rng.random() * 0.08,
            0.08,
            c.rng.choice([(40, 60, 110), (150, 40, 40), (40, 40, 44), (60, 110, 80)]),
        )


def scene_housing(c: Canvas):
    horizon = 0.68
    sky(c, horizon)
    ridge(c, horizon - 0.1, 0.06, c.haze(c.light.land, 0.65))
    blocks = [(0.02, 0.36, 0.34, 0.4), (0.4, 0.3, 0.3, 0.55), (0.68, 0.42, 0.32, 0.3)]
    scaffolded = c.rng.randrange(len(blocks))
    for index, (fx, fw, fh, depth) in enumerate(blocks):
        base = horizon - 0.02 * depth
        wall = c.haze(c.rng.choice([(200, 190, 170), (176, 120, 90), (214, 210, 196)]), depth * 0.5)
        house(c, fx, base, fw, fh, wall, storeys=4, gable=False, trim=False)
        balcony = c.haze(c.rng.choice([(70, 110, 140), (170, 80, 60), (90, 130, 90)]), depth * 0.4)
        for floor in range(4):
            y = c.y(base - fh + fh * (floor + 0.78) / 4)
            c.draw.rectangle(
                (c.x(fx + 0.02), y, c.x(fx + fw - 0.02), y + c.unit(0.015)), fill=balcony
            )
        if index == scaffolded:
            pipe = (150, 150, 150, 220)
            for i in range(9):
                x = c.x(fx + fw * i / 8)
                c.draw.line(
                    (x, c.y(base - fh - 0.02), x, c.y(base)), fill=pipe, width=c.unit(0.003)
                )
            for floor in range(5):
                y = c.y(base - fh * floor / 4)
                c.draw.line((c.x(fx), y, c.x(fx + fw), y), fill=pipe, width=c.unit(0.005))
    ground(c, horizon, (92, 120, 70), far=(120, 140, 90))
    c.draw.rectangle((0, c.y(horizon + 0.1), c.w, c.y(horizon + 0.16)), fill=(120, 118, 116))
    for fx in (0.08, 0.3, 0.62, 0.9):
        leafy_tree(c, fx, horizon + 0.1, 0.2, (72, 104, 60))
    for _ in range(c.rng.randint(2, 4)):
        person(c, c.rng.random(), horizon + 0.16, 0.12, (40, 40, 48))


def scene_night(c: Canvas):
    horizon = 0.7
    sky(c, horizon)
    ridge(c, horizon - 0.05, 0.08, (16, 22, 34))
    fx = 0.0
    while fx < 1.0:
        width = 0.06 + c.rng.random() * 0.08
        house(
            c,
            fx,
            horizon,
            width,
            0.08 + c.rng.random() * 0.12,
            (22, 24, 32),
            roof=(16, 18, 24),
            storeys=2,
            trim=False,
        )
        fx += width + 0.004
    spire = c.x(0.2 + c.rng.random() * 0.6)
    c.draw.polygon(
        [
            (spire - c.unit(0.03), c.y(horizon - 0.14)),
            (spire, c.y(horizon - 0.42)),
            (spire + c.unit(0.03), c.y(horizon - 0.14)),
        ],
        fill=(18, 20, 28),
    )
    water(c, horizon)


def scene_meeting(c: Canvas):
    """A council chamber: windows onto the coast, a long table, people in session."""
    wall = c.rng.choice([(216, 204, 184), (200, 206, 200), (224, 214, 196)])
    c.image.paste(vertical_gradient((c.w, c.h), shade(wall, 1.02), shade(wall, 0.8)))
    for i in range(3):
        x0, x1 = c.x(0.1 + i * 0.3), c.x(0.3 + i * 0.3)
        y0, y1 = c.y(0.08), c.y(0.48)
        view = vertical_gradient((x1 - x0, y1 - y0), c.light.sky_top, c.light.sky_bottom)
        c.image.paste(view, (x0, y0))
        ridge_y = y0 + (y1 - y0) * 0.75
        c.draw.rectangle((x0, ridge_y, x1, y1), fill=c.haze(c.light.land, 0.5))
        c.draw.rectangle((x0, y0, x1, y1), outline=(250, 250, 246), width=c.unit(0.01))
        c.draw.line(
            ((x0 + x1) / 2, y0, (x0 + x1) / 2, y1), fill=(250, 250, 246), width=c.unit(0.006)
        )
    floor = (120, 92, 70)
    c.draw.rectangle((0, c.y(0.62), c.w, c.h), fill=floor)
    table = [
        (c.x(0.42), c.y(0.55)),
        (c.x(0.58), c.y(0.55)),
        (c.x(0.86), c.y(1.0)),
        (c.x(0.14), c.y(1.0)),
    ]
    figures = []
    for side in (-1, 1):
        for i in range(4):
            t = 0.15 + i * 0.22
            fx = 0.5 + side * (0.1 + t * 0.3)
            base = 0.6 + t * 0.42
            figures.append((t, fx, base))
    for t, fx, base in sorted(figures):
        tone = c.rng.choice([(44, 48, 60), (70, 50, 50), (40, 60, 70), (90, 90, 96)])
        person(c, fx, base + 0.12, 0.3 + t * 0.35, tone)
    c.draw.polygon(table, fill=(92, 62, 44))
    c.draw.line(table[3:] + table[:1], fill=(120, 86, 62), width=c.unit(0.006))
    for _ in range(10):  # papers and water glasses on the table
        t = c.rng.random()
        side = c.rng.choice((-1, 1))
        px = 0.5 + side * (0.04 + t * 0.22)
        py = 0.57 + t * 0.4
        size = 0.02 + t * 0.04
        c.draw.rectangle(
            (c.x(px - size / 2), c.y(py), c.x(px + size / 2), c.y(py + size * 0.8)),
            fill=(244, 242, 236),
        )
    for i in range(3):
        glow(c, 0.25 + i * 0.25, 0.02, 0.06, (255, 240, 210), 120)


def scene_documents(c: Canvas):
    """Papers on a desk, seen from above: minutes, a report, a marked-up memo."""
    wood = c.rng.choice([(150, 108, 72), (120, 86, 60), (176, 140, 100)])
    c.image.paste(vertical_gradient((c.w, c.h), shade(wood, 1.1), shade(wood, 0.85)))
    for _ in range(int(c.h / 6)):
        y = c.rng.random() * c.h
        amplitude = c.unit(0.004)
        points = [
            (x, y + math.sin(x / c.unit(0.07) + y) * amplitude) for x in range(0, c.w + 40, 40)
        ]
        c.draw.line(points, fill=rgba(shade(wood, 0.7), 60), width=c.unit(0.0015))
    for index in range(c.rng.randint(3, 4)):
        sheet_w, sheet_h = c.unit(0.5), c.unit(0.5 * 1.414)
        sheet = Image.new("RGBA", (sheet_w, sheet_h), (250, 248, 242, 255))
        draw = ImageDraw.Draw(sheet)
        margin = sheet_w * 0.1
        y = sheet_h * 0.08
        draw.rectangle((margin, y, sheet_w * 0.55, y + sheet_h * 0.02), fill=(40, 40, 48))
        y += sheet_h * 0.06
        line_h = sheet_h * 0.028
        while y < sheet_h * 0.9:
            if c.rng.random() < 0.12:
                y += line_h
                draw.rectangle(
                    (margin, y, margin + sheet_w * 0.3, y + line_h * 0.45), fill=(50, 50, 56)
                )
                y += line_h * 1.2
                continue
            length = sheet_w * (0.55 + c.rng.random() * 0.3)
            if c.rng.random() < 0.08:
                draw.rectangle(
                    (margin - 2, y - line_h * 0.2, margin + length, y + line_h * 0.6),
                    fill=(250, 232, 90),
                )
            draw.rectangle((margin, y, margin + length, y + line_h * 0.32), fill=(120, 120, 126))
            y += line_h
        if index == 0 or c.rng.random() < 0.3:
            r = sheet_w * 0.09
            cx, cy = sheet_w * 0.8, sheet_h * 0.1
            draw.ellipse(
                (cx - r, cy - r, cx + r, cy + r), outline=(170, 40, 40), width=max(1, int(r / 6))
            )
        angle = c.rng.uniform(-18, 18)
        sheet = sheet.rotate(angle, expand=True, resample=Image.BICUBIC)
        shadow = Image.new("RGBA", sheet.size, (0, 0, 0, 0))
        shadow.putalpha(sheet.getchannel("A").point(lambda a: a * 0.35))
        shadow = shadow.filter(ImageFilter.GaussianBlur(c.unit(0.012)))
        px = c.x(0.05 + c.rng.random() * 0.55) - sheet.width // 4
        py = c.y(-0.05 + c.rng.random() * 0.3)
        c.image.paste(shadow, (px + c.unit(0.012), py + c.unit(0.018)), shadow)
        c.image.paste(sheet, (px, py), sheet)
    c.draw = ImageDraw.Draw(c.image, "RGBA")
    cup_x, cup_y, r = c.x(0.85), c.y(0.78), c.unit(0.09)
    c.draw.ellipse(
        (
            cup_x - r + c.unit(0.01),
            cup_y - r + c.unit(0.02),
            cup_x + r + c.unit(0.01),
            cup_y + r + c.unit(0.02),
        ),
        fill=(0, 0, 0, 60),
    )
    c.draw.ellipse((cup_x - r, cup_y - r, cup_x + r, cup_y + r), fill=(240, 240, 236))
    inner = r * 0.78
    c.draw.ellipse((cup_x - inner, cup_y - inner, cup_x + inner, cup_y + inner), fill=(70, 44, 28))
    pen = [(c.x(0.3), c.y(0.9)), (c.x(0.55), c.y(0.72))]
    c.draw.line(pen, fill=(30, 40, 90), width=c.unit(0.014))


def scene_library(c: Canvas):
    wall = (224, 214, 196)
    c.image.paste(vertical_gradient((c.w, c.h), shade(wall, 1.02), shade(wall, 0.82)))
    window = (c.x(0.74), c.y(0.08), c.x(0.96), c.y(0.6))
    c.image.paste(
        vertical_gradient(
            (window[2] - window[0], window[3] - window[1]), c.light.sky_top, c.light.sky_bottom
        ),
        window[:2],
    )
    c.draw.rectangle(window, outline=(248, 246, 240), width=c.unit(0.01))
    shelf_wood = (110, 76, 50)
    left, right = c.x(0.03), c.x(0.7)
    c.draw.rectangle((left, c.y(0.04), right, c.y(0.8)), fill=shade(shelf_wood, 0.6))
    for row in range(5):
        top, bottom = c.y(0.06 + row * 0.15), c.y(0.19 + row * 0.15)
        x = left + c.unit(0.01)
        while x < right - c.unit(0.03):
            width = c.unit(0.012 + c.rng.random() * 0.016)
            height = (bottom - top) * (0.7 + c.rng.random() * 0.28)
            colour = shade(c.rng.choice(BOOK_COLOURS), 0.85 + c.rng.random() * 0.3)
            if c.rng.random() < 0.04:
                x += width * 2  # a gap where a book is on loan
                continue
            c.draw.rectangle((x, bottom - height, x + width, bottom), fill=colour)
            c.draw.line(
                (x + width * 0.2, bottom - height * 0.8, x + width * 0.8, bottom - height * 0.8),
                fill=rgba((240, 220, 160), 140),
                width=max(1, c.unit(0.002)),
            )
            x += width + 1
        c.draw.rectangle((left, bottom, right, bottom + c.unit(0.012)), fill=shelf_wood)
    c.draw.rectangle((0, c.y(0.8), c.w, c.h), fill=(150, 120, 90))
    table = (c.x(0.45), c.y(0.76), c.x(0.98), c.y(0.84))
    c.draw.rectangle(table, fill=(90, 62, 42))
    glow(c, 0.8, 0.66, 0.12, (255, 224, 160), 120)
    c.draw.polygon(
        [
            (c.x(0.76), c.y(0.7)),
            (c.x(0.84), c.y(0.7)),
            (c.x(0.82), c.y(0.64)),
            (c.x(0.78), c.y(0.64)),
        ],
        fill=(40, 90, 70),
    )
    c.draw.line((c.x(0.8), c.y(0.7), c.x(0.8), c.y(0.76)), fill=(40, 40, 40), width=c.unit(0.004))
    person(c, 0.58, 0.9, 0.36, (50, 56, 72))


def scene_portrait(c: Canvas):
    """A stylised head and shoulders against a soft studio background, lit from the left."""
    background = c.rng.choice(
        [(70, 96, 120), (120, 86, 80), (88, 110, 92), (110, 100, 130), (150, 130, 100)]
    )
    c.image.paste(vertical_gradient((c.w, c.h), shade(background, 1.3), shade(background, 0.7)))
    glow(c, 0.3, 0.25, 0.4, (255, 250, 236), 80)
    rim = mix(shade(background, 1.5), (255, 246, 230), 0.4)
    skin = c.rng.choice(
        [(226, 188, 160), (198, 150, 118), (150, 104, 76), (110, 76, 56), (236, 204, 180)]
    )
    hair = mix(
        c.rng.choice([(40, 30, 24), (84, 60, 40), (150, 116, 76), (28, 26, 26), (170, 170, 168)]),
        background,
        0.15,
    )
    cloth = c.rng.choice([(40, 48, 70), (70, 40, 44), (50, 60, 52), (60, 60, 64), (120, 110, 96)])
    style = c.rng.choice(["short", "long", "bun", "cropped"])
    cx = 0.5 + (c.rng.random() - 0.5) * 0.05
    head = (cx - 0.12, 0.24, cx + 0.12, 0.6)

    def box(x0, y0, x1, y1, grow=0.0):
        return (c.x(x0 - grow), c.y(y0 - grow), c.x(x1 + grow), c.y(y1 + grow))

    if style == "long":  # hair falling behind the shoulders
        c.draw.rounded_rectangle(
            box(cx - 0.16, 0.2, cx + 0.16, 0.78), radius=c.unit(0.12), fill=hair
        )
    # shoulders and neck, with a thin rim of light
    c.draw.ellipse(box(cx - 0.42, 0.7, cx + 0.42, 1.5, grow=0.008), fill=rim)
    c.draw.rectangle(box(cx - 0.06, 0.5, cx + 0.06, 0.76), fill=shade(skin, 0.72))
    c.draw.ellipse(box(cx - 0.42, 0.7, cx + 0.42, 1.5), fill=cloth)
    c.draw.polygon(
        [(c.x(cx - 0.085), c.y(0.715)), (c.x(cx), c.y(0.82)), (c.x(cx + 0.085), c.y(0.715))],
        fill=shade(skin, 0.72),
    )
    # the hair's outline behind the head, then the face
    if style in ("short", "cropped", "bun"):
        depth = 0.2 if style == "short" else 0.16
        c.draw.ellipse(
            box(head[0] - 0.012, head[1] - 0.025, head[2] + 0.012, head[1] + depth * 2), fill=hair
        )
    if style == "bun":
        c.draw.ellipse(box(cx - 0.065, 0.13, cx + 0.065, 0.26), fill=hair)
    c.draw.ellipse(box(*head), fill=skin)
    c.draw.chord(box(*head), -70, 70, fill=rgba(shade(skin, 0.6), 80))  # the shaded cheek
    # hairline: a cap over the top of the face
    cap_bottom = {"short": 0.33, "cropped": 0.3, "bun": 0.32, "long": 0.34}[style]
    c.draw.chord(
        box(head[0] - 0.004, head[1] - 0.02, head[2] + 0.004, cap_bottom * 2 - head[1] + 0.02),
        180,
        360,
        fill=hair,
    )
    if style == "long":
        for side in (-1, 1):
            outer = cx + side * 0.135
            inner = cx + side * 0.09
            c.draw.polygon(
                [
                    (c.x(outer), c.y(0.3)),
                    (c.x(inner), c.y(0.32)),
                    (c.x(inner + side * 0.01), c.y(0.6)),
                    (c.x(outer + side * 0.02), c.y(0.72)),
                ],
                fill=hair,
            )
    if c.rng.random() < 0.35:
        frame = shade(hair, 0.6)
        for side in (-1, 1):
            gx = cx + side * 0.052
            c.draw.rounded_rectangle(
                box(gx - 0.04, 0.395, gx + 0.04, 0.44),
                radius=c.unit(0.01),
                outline=frame,
                width=c.unit(0.006),
            )
        c.draw.line(
            (c.x(cx - 0.012), c.y(0.41), c.x(cx + 0.012), c.y(0.41)),
            fill=frame,
            width=c.unit(0.005),
        )


SCENES = {
    "harbour": (scene_harbour, ("evening", "day", "dawn", "overcast")),
    "coast": (scene_coast, ("day", "evening", "dawn", "overcast")),
    "forest": (scene_forest, ("dawn", "overcast", "day", "evening")),
    "windpower": (scene_windpower, ("day", "overcast", "evening")),
    "townhall": (scene_townhall, ("day", "overcast", "evening", "dawn")),
    "street": (scene_street, ("day", "overcast", "evening")),
    "school": (scene_school, ("day", "overcast", "dawn")),
    "housing": (scene_housing, ("day", "overcast", "evening")),
    "night": (scene_night, ("night",)),
    "meeting": (scene_meeting, ("evening", "night", "overcast", "day")),
    "documents": (scene_documents, ("day",)),
    "library": (scene_library, ("day", "overcast", "evening")),
    "portrait": (scene_portrait, ("day",)),
}
MOTIFS = tuple(SCENES)
# Words writers may use for a motif, in Swedish or English.
ALIASES = {
    "hamn": "harbour",
    "kust": "coast",
    "skog": "forest",
    "vindkraft": "windpower",
    "stadshus": "townhall",
    "gata": "street",
    "skola": "school",
    "bostader": "housing",
    "natt": "night",
    "mote": "meeting",
    "dokument": "documents",
    "bibliotek": "library",
    "portratt": "portrait",
}


def resolve_motif(motif: str, seed: str) -> str:
    """A known motif for any word; an unknown one still gets a picture, always the same."""
    key = motif.strip().lower().replace("ä", "a").replace("å", "a").replace("ö", "o")
    key = ALIASES.get(key, key)
    if key in SCENES:
        return key
    candidates = [m for m in MOTIFS if m != "portrait"]
    return candidates[random.Random(f"{motif}|{seed}").randrange(len(candidates))]


# --- Painting and finishing -----------------------------------------------------------


def paint(motif: str, seed: str, size: tuple[int, int]) -> Image.Image:
    """The picture for a motif and seed, at the given size."""
    motif = resolve_motif(motif, seed)
    rng = random.Random(f"{motif}|{seed}")
    painter, lights = SCENES[motif]
    light = LIGHTS[rng.choice(lights)]
    width, height = max(8, size[0]), max(8, size[1])
    canvas = Canvas((width * SUPERSAMPLE, height * SUPERSAMPLE), rng, light)
    painter(canvas)
    image = canvas.image.resize((width, height), Image.LANCZOS)
    return finish(image, rng)


def finish(image: Image.Image, rng: random.Random) -> Image.Image:
    """A darkened edge and a little grain, as a lens and film would leave."""
    vignette = Image.radial_gradient("L").resize(image.size)
    vignette = vignette.point(lambda v: 255 - int(max(0, v - 110) * 0.55))
    dark = Image.new("RGB", image.size, (0, 0, 0))
    image = Image.composite(image, dark, vignette)
    tile = Image.frombytes("L", (128, 128), rng.randbytes(128 * 128)).convert("RGB")
    grain = Image.new("RGB", image.size)
    for x in range(0, image.width, 128):
        for y in range(0, image.height, 128):
            grain.paste(tile, (x, y))
    return Image.blend(image, ImageChops.soft_light(image, grain), 0.12)


def jpeg(image: Image.Image, quality: int = 84) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


def scaled(size: tuple[int, int], scale: float) -> tuple[int, int]:
    return (max(16, round(size[0] * scale)), max(16, round(size[1] * scale)))


def hero_photo(motif: str, seed: str, scale: float = 1.0) -> bytes:
    """A 1600×900 article photo (at scale 1)."""
    return jpeg(paint(motif, seed, scaled(HERO_SIZE, scale)))


def portrait_photo(seed: str, scale: float = 1.0) -> bytes:
    """A 400×400 author portrait (at scale 1)."""
    return jpeg(paint("portrait", seed, scaled(PORTRAIT_SIZE, scale)))


def font(size: int, bold: bool = True, serif: bool = False):
    """DejaVu where it is installed, else Pillow's own font; never fails."""
    name = "DejaVu" + ("Serif" if serif else "Sans") + ("-Bold" if bold else "") + ".ttf"
    for directory in FONT_DIRS:
        path = directory / name
        if path.exists():
            try:
                return ImageFont.truetype(str(path), size)
            except OSError:
                break
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def cover_photo(number: int, title: str, publication: str, motif: str, scale: float = 1.0) -> bytes:
    """A magazine cover: a picture, the masthead and the issue number."""
    w, h = scaled(COVER_SIZE, scale)
    # Painted square and cut to the cover's shape, so people and houses keep their proportions.
    image = paint(motif, f"omslag-{number}", (h, h))
    image = image.crop(((h - w) // 2, 0, (h - w) // 2 + w, h))
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    band = round(h * 0.17)
    draw.rectangle((0, 0, w, band), fill=(250, 247, 240, 238))
    draw.rectangle((0, band, w, band + max(2, h // 220)), fill=(164, 30, 36, 255))
    shade_h = round(h * 0.36)
    for row in range(shade_h):  # darken the foot so the title reads
        draw.line(
            (0, h - shade_h + row, w, h - shade_h + row), fill=(0, 0, 0, round(170 * row / shade_h))
        )
    image = Image.alpha_composite(image.convert("RGBA"), overlay)
    draw = ImageDraw.Draw(image)
    margin = round(w * 0.06)
    masthead_size = round(w * 0.095)
    masthead = font(masthead_size, serif=True)
    while (
        masthead_size > 8 and draw.textlength(publication.upper(), font=masthead) > w - 2 * margin
    ):
        masthead_size -= 2
        masthead = font(masthead_size, serif=True)
    draw.text(
        (margin, band * 0.48), publication.upper(), font=masthead, fill=(28, 28, 32), anchor="lm"
    )
    small = font(round(w * 0.032), bold=False)
    draw.text(
        (margin, band * 0.82),
        "Oberoende lokalpolitisk tidskrift",
        font=small,
        fill=(90, 90, 96),
        anchor="lm",
    )
    big = font(round(w * 0.2))
    draw.text(
        (w - margin, h - margin * 0.6),
        f"#{number}",
        font=big,
        fill=(255, 255, 255),
        anchor="rd",
        stroke_width=max(1, w // 250),
        stroke_fill=(20, 20, 24),
    )
    headline = font(round(w * 0.06), serif=True)
    for i, line in enumerate(wrap(title, 20)[:2]):
        draw.text(
            (margin, h - shade_h * 0.8 + i * w * 0.075),
            line,
            font=headline,
            fill=(255, 255, 255),
            stroke_width=max(1, w // 300),
            stroke_fill=(20, 20, 24),
        )
    return jpeg(image.convert("RGB"))


def wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines


# --- What the demo shows -------------------------------------------------------------

OUT_DIR = Path(__file__).resolve().parent.parent / "src/utgivare/demo/content/pictures"
PUBLICATION = "Norrviks Kurir"
# The largest renditions the templates ask for: article photos width-1200, issue
# covers width-400, author portraits fill-192x192.
SHIPPED_SIZES = {
    "hero": (1200, 675),
    "body": (1200, 675),
    "cover": (400, 550),
    "portrait": (240, 240),
}
SHIPPED_QUALITY = 80

# (kind, file name, motif, seed …): the content files name these files. A cover's
# motif comes from its own articles, one no earlier issue's cover has used.
PICTURES = [
    ("cover", "omslag-177.jpg", "harbour", 177, "Hamnudden till rea?"),
    ("cover", "omslag-178.jpg", "documents", 178, "Efter valet"),
    ("cover", "omslag-179.jpg", "townhall", 179, "Visslan"),
    ("cover", "omslag-180.jpg", "meeting", 180, "Fullmäktiges långa natt"),
    ("portrait", "portratt-karin-lund.jpg", "portrait", "karin-lund"),
    ("portrait", "portratt-johan-berglund.jpg", "portrait", "johan-berglund"),
    ("portrait", "portratt-amira-haddad.jpg", "portrait", "amira-haddad"),
    ("portrait", "portratt-elin-norberg.jpg", "portrait", "elin-norberg"),
    ("hero", "hamnudden-saldes-under-vardet.jpg", "harbour", "hamnudden-saldes-under-vardet"),
    (
        "hero",
        "skolskjutsen-billigast-men-inte-bast.jpg",
        "school",
        "skolskjutsen-billigast-men-inte-bast",
    ),
    ("hero", "revisorerna-om-hamnudden.jpg", "documents", "revisorerna-om-hamnudden"),
    (
        "hero",
        "ett-valresultat-ar-ingen-ansvarsfrihet.jpg",
        "street",
        "ett-valresultat-ar-ingen-ansvarsfrihet",
    ),
    ("hero", "listan-till-ivo-krympte.jpg", "documents", "listan-till-ivo-krympte"),
    ("hero", "vi-begarde-ut-31-handlingar.jpg", "townhall", "vi-begarde-ut-31-handlingar"),
    (
        "body",
        "fullmaktige-pausade-hamnudden-night.jpg",
        "night",
        "fullmaktige-pausade-hamnudden/Stadshuset strax efter klockan två på natten, "
        "när de sista ledamöterna hade gått hem.",
    ),
    ("hero", "fullmaktige-pausade-hamnudden.jpg", "meeting", "fullmaktige-pausade-hamnudden"),
    ("hero", "kvarnbacken-hyrorna-hojs.jpg", "housing", "kvarnbacken-hyrorna-hojs"),
    ("hero", "hamnudden-var-aldrig-tom.jpg", "harbour", "hamnudden-var-aldrig-tom"),
    ("hero", "valet-i-norrvik-i-siffror.jpg", "night", "valet-i-norrvik-i-siffror"),
    (
        "hero",
        "rattelse-valdeltagandet-i-kvarnbacken.jpg",
        "documents",
        "rattelse-valdeltagandet-i-kvarnbacken",
    ),
    ("hero", "genmale-henrik-stahl-hamnudden.jpg", "portrait", "genmale-henrik-stahl-hamnudden"),
    (
        "hero",
        "den-som-visslar-ska-inte-behova-viska.jpg",
        "street",
        "den-som-visslar-ska-inte-behova-viska",
    ),
    (
        "hero",
        "forvaltningsratten-skolskjutsen-gors-om.jpg",
        "school",
        "forvaltningsratten-skolskjutsen-gors-om",
    ),
    ("hero", "skarvik-forlorar-sitt-vardagsrum.jpg", "library", "skarvik-forlorar-sitt-vardagsrum"),
    ("hero", "vindparken-som-delar-ostana.jpg", "windpower", "vindparken-som-delar-ostana"),
]


def painted(kind: str, motif: str, *seed) -> Image.Image:
    if kind == "cover":
        number, title = seed
        data = cover_photo(number, title, PUBLICATION, motif)
    elif kind == "portrait":
        data = portrait_photo(seed[0])
    else:
        data = hero_photo(motif, seed[0])
    return Image.open(io.BytesIO(data)).convert("RGB")


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    total = 0
    for kind, name, motif, *seed in PICTURES:
        image = painted(kind, motif, *seed)
        image = image.resize(SHIPPED_SIZES[kind], Image.LANCZOS)
        data = jpeg(image, quality=SHIPPED_QUALITY)
        (OUT_DIR / name).write_bytes(data)
        total += len(data)
        print(f"{name}: {image.width}×{image.height}, {len(data) // 1024} kB")
    print(f"{len(PICTURES)} pictures, {total / 1_000_000:.1f} MB in {OUT_DIR}")


if __name__ == "__main__":
    main()

"""Draw the demo consultations' pictures (consultations/demo/pictures/*.png): flat,
simple illustrations made here with Pillow, so the demo ships no third-party image.
Licence: the project's own (AGPL-3.0-or-later).

Run `.venv/bin/python consultations/demo/draw_pictures.py` to draw them again; the output is
the same every time (no randomness), and the PNG files are committed.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = (1200, 675)
FOLDER = Path(__file__).resolve().parent / "pictures"


def sky(draw, top, bottom):
    """A vertical gradient from `top` to `bottom` over the whole picture."""
    width, height = SIZE
    for y in range(height):
        share = y / height
        colour = tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def tree(draw, x, ground, size, leaves):
    draw.rectangle([x - size // 10, ground - size, x + size // 10, ground], fill=(110, 78, 52))
    draw.ellipse(
        [x - size // 2, ground - size * 1.7, x + size // 2, ground - size * 0.7], fill=leaves
    )


def riverside_park():
    picture = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(picture)
    sky(draw, (190, 222, 247), (236, 245, 252))
    draw.ellipse([930, 70, 1050, 190], fill=(255, 214, 102))
    draw.polygon(
        [(0, 420), (300, 330), (620, 400), (900, 320), (1200, 380), (1200, 675), (0, 675)],
        fill=(120, 180, 110),
    )
    draw.polygon(
        [(0, 520), (400, 470), (800, 540), (1200, 480), (1200, 675), (0, 675)], fill=(96, 160, 90)
    )
    # The river, and the path beside it.
    draw.polygon(
        [(0, 600), (350, 560), (700, 600), (1200, 555), (1200, 675), (0, 675)], fill=(70, 140, 200)
    )
    draw.line([(0, 590), (350, 548), (700, 588), (1200, 543)], fill=(225, 205, 160), width=14)
    for x, size, leaves in [
        (120, 150, (46, 120, 70)),
        (260, 110, (60, 140, 80)),
        (820, 170, (46, 120, 70)),
        (1010, 120, (70, 150, 90)),
    ]:
        tree(draw, x, 470 + (x % 3) * 10, size, leaves)
    # A bench and a swing.
    draw.rectangle([480, 455, 600, 468], fill=(120, 80, 50))
    draw.rectangle([490, 468, 500, 490], fill=(80, 60, 40))
    draw.rectangle([580, 468, 590, 490], fill=(80, 60, 40))
    draw.line([(650, 360), (650, 480)], fill=(60, 60, 70), width=8)
    draw.line([(760, 360), (760, 480)], fill=(60, 60, 70), width=8)
    draw.line([(640, 360), (770, 360)], fill=(60, 60, 70), width=10)
    draw.line([(690, 362), (690, 440)], fill=(90, 90, 100), width=3)
    draw.line([(720, 362), (720, 440)], fill=(90, 90, 100), width=3)
    draw.rectangle([682, 438, 728, 448], fill=(220, 70, 60))
    return picture


def safer_streets():
    picture = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(picture)
    sky(draw, (206, 226, 240), (244, 247, 250))
    # The school, with a clock.
    draw.rectangle([700, 170, 1120, 470], fill=(196, 112, 84))
    draw.polygon([(680, 175), (910, 70), (1140, 175)], fill=(120, 64, 54))
    draw.ellipse([870, 110, 950, 190], fill=(250, 246, 236))
    draw.line([(910, 150), (910, 122)], fill=(40, 40, 40), width=5)
    draw.line([(910, 150), (932, 150)], fill=(40, 40, 40), width=5)
    for row in range(2):
        for column in range(4):
            x, y = 730 + column * 100, 230 + row * 110
            draw.rectangle([x, y, x + 60, y + 70], fill=(250, 236, 190))
    draw.rectangle([885, 390, 935, 470], fill=(90, 60, 50))
    # The road with a zebra crossing, and a pavement.
    draw.rectangle([0, 470, 1200, 510], fill=(200, 200, 196))
    draw.rectangle([0, 510, 1200, 675], fill=(72, 76, 84))
    for x in range(300, 560, 52):
        draw.rectangle([x, 525, x + 30, 660], fill=(245, 245, 240))
    # A crossing patrol sign.
    draw.line([(220, 470), (220, 300)], fill=(70, 70, 70), width=8)
    draw.ellipse([160, 220, 280, 340], fill=(250, 250, 250), outline=(200, 40, 40), width=12)
    # Children and a grown-up crossing.
    for x, height, colour in [
        (380, 90, (40, 110, 190)),
        (440, 70, (230, 150, 40)),
        (500, 130, (60, 150, 90)),
    ]:
        draw.ellipse([x - 16, 590 - height - 34, x + 16, 590 - height - 2], fill=(150, 100, 70))
        draw.rounded_rectangle([x - 20, 590 - height, x + 20, 590], radius=10, fill=colour)
    return picture


def library_hours():
    picture = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(picture)
    sky(draw, (246, 236, 220), (252, 248, 240))
    # Shelves of books.
    palette = [
        (29, 79, 145),
        (196, 112, 84),
        (60, 150, 90),
        (230, 170, 60),
        (120, 64, 140),
        (200, 70, 80),
    ]
    for shelf in range(3):
        y = 150 + shelf * 150
        draw.rectangle([80, y + 120, 700, y + 134], fill=(120, 84, 56))
        x = 100
        step = 0
        while x < 680:
            width = 22 + (step * 7) % 18
            height = 80 + (step * 13) % 35
            draw.rectangle(
                [x, y + 120 - height, x + width, y + 120],
                fill=palette[(step + shelf) % len(palette)],
            )
            x += width + 4
            step += 1
    # A large clock: opening hours.
    draw.ellipse([790, 140, 1110, 460], fill=(255, 255, 255), outline=(29, 79, 145), width=18)
    for hour in range(12):
        angle = math.radians(hour * 30)
        cx, cy = 950, 300
        draw.line(
            [
                (cx + 120 * math.sin(angle), cy - 120 * math.cos(angle)),
                (cx + 140 * math.sin(angle), cy - 140 * math.cos(angle)),
            ],
            fill=(29, 79, 145),
            width=8,
        )
    draw.line([(950, 300), (950, 200)], fill=(30, 30, 40), width=12)
    draw.line([(950, 300), (1020, 340)], fill=(30, 30, 40), width=10)
    draw.ellipse([935, 285, 965, 315], fill=(200, 70, 80))
    draw.rectangle([0, 600, 1200, 675], fill=(170, 130, 96))
    return picture


PICTURES = {
    "riverside-park.png": riverside_park,
    "safer-streets.png": safer_streets,
    "library-hours.png": library_hours,
}


def main():
    FOLDER.mkdir(exist_ok=True)
    for name, draw in PICTURES.items():
        # A small palette keeps the files small (the shapes are flat colours).
        picture = draw().quantize(
            colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        picture.save(FOLDER / name, optimize=True)


if __name__ == "__main__":
    main()

"""Render the app icon resources/icons/glose.svg into the raster icons the builds need.

    .venv/bin/pip install Pillow   # for generation only, not a runtime dependency
    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/make_icons.py

Writes, beside the SVG: glose.png (256 px: Linux window icon and the PyInstaller icon
there), glose.ico (Windows, 16-256 px) and glose.icns (macOS, 16-1024 px). Every size is
rendered from the SVG by QtSvg (not downscaled from one bitmap), so small sizes stay sharp.
Run it again after editing the SVG and commit the outputs.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024]


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def main() -> int:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QtSvg needs it)
    svg = ICONS / "glose.svg"
    images = {s: Image.open(io.BytesIO(render_png(svg, s))).convert("RGBA") for s in sorted(set(ICO_SIZES + ICNS_SIZES))}
    images[256].save(ICONS / "glose.png", optimize=True)
    # Pillow's ICO writer takes the largest image and the list of sizes; give it each
    # size rendered separately through append_images so small sizes are not downscaled.
    images[256].save(
        ICONS / "glose.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )
    images[1024].save(
        ICONS / "glose.icns", format="ICNS",
        append_images=[images[s] for s in ICNS_SIZES if s != 1024],
    )
    for name in ("glose.png", "glose.ico", "glose.icns"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""build_app.spec without building: it loads, and its filters keep and drop what they should.

The real build (`make app`) and its check (`make selftest-app`) run in CI (.ci/run).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

from desktop import __version__

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "build_app.spec"
ICONS = REPO / "resources" / "icons"


@pytest.fixture(scope="module")
def spec() -> dict:
    """The spec's definitions, loaded the way PyInstaller does but without its build classes."""
    namespace = {"SPECPATH": str(REPO), "__name__": "build_app_spec", "__file__": str(SPEC)}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    assert "a" not in namespace  # nothing was analysed or built
    return namespace


def test_version_comes_from_the_package(spec: dict) -> None:
    assert spec["VERSION"] == __version__
    assert spec["NAME"] == "Glose"


def test_dev_tools_and_unused_dependencies_are_excluded(spec: dict) -> None:
    excludes = set(spec["EXCLUDES"])
    for name in ("pytest", "pytestqt", "hypothesis", "PyInstaller", "pip", "setuptools", "tkinter", "PIL",
                 "onnxruntime", "minisbd", "argostranslate.translate", "argostranslate.sbd",
                 "ctranslate2.converters", "tests", "numpy.random", "numpy.f2py", "numpy.testing",
                 "wcwidth._wcwidth_c", "google.protobuf", "chardet", "lxml.doctestcompare", "readline", "yaml._yaml"):
        assert name in excludes, name
    for qt in ("QtQml", "QtQuick", "Qt3DCore", "QtWebEngineCore", "QtMultimedia", "QtPdf", "QtNetwork", "QtSql"):
        assert f"PySide6.{qt}" in excludes, qt
    # What the app does need is never excluded.
    for needed in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg",
                   "argostranslate", "argostranslate.package", "ctranslate2", "sentencepiece", "whoosh",
                   "numpy",  # the search scores with numpy
                   "yaml", "markdown_it", "wcwidth", "requests", "charset_normalizer", "keyring", "secretstorage",
                   "cryptography", "lxml.etree"):
        assert needed not in excludes, needed


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/styles/libqmodernwindowsstyle.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforms/libqminimal.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6/Qt/plugins/wayland-graphics-integration-server/libqt-wayland-compositor-xcomposite-egl.so", False),
        ("PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("PySide6/Qt/lib/libQt6Gui.so.6", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Svg.so.6", True),
        ("PySide6/Qt/lib/libQt6DBus.so.6", True),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", True),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", True),
        ("PySide6/Qt/lib/libicudata.so.73", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt6Qml.so.6", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
        ("PySide6/Qt/lib/libQt6Network.so.6", False),
        ("PySide6/Qt/lib/libQt6WaylandCompositor.so.6", False),
        ("PySide6/Qt6Quick.dll", False),
        ("PySide6/opengl32sw.dll", False),
        ("PySide6/Qt6Widgets.dll", True),
        ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", False),
        ("ctranslate2.libs/libctranslate2-a7a60d30.so.4.8.5", True),
        ("sentencepiece/_sentencepiece.cpython-311-x86_64-linux-gnu.so", True),
    ],
)
def test_binary_filter(spec: dict, dest: str, kept: bool) -> None:
    assert spec["keep_binary"](dest) is kept


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_fr.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtdeclarative_fr.qm", False),
        ("PySide6/Qt/qml/QtQuick/Controls/qmldir", False),
        ("PySide6/Qt/lib/QtQuick.framework/Resources/Info.plist", False),
        ("PySide6/Qt/lib/QtWidgets.framework/Resources/Info.plist", True),
        ("resources/i18n/glose_fr.qm", True),
        ("resources/i18n/glose_fr.ts", False),
        ("resources/icons/glose.svg", True),
        ("seeds/vietnam-bilan-pacte-mondial-migrations-gcm.txt", True),
        ("docx/templates/default-docx-template/word/styles.xml", False),
        ("docx/templates/default-styles.xml", True),  # read when a document has no styles part
        ("docx/templates/default.docx", True),
    ],
)
def test_data_filter(spec: dict, dest: str, kept: bool) -> None:
    assert spec["keep_data"](dest) is kept


def test_models_are_bundled_only_on_request(spec: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GLOSE_BUNDLE_MODELS", raising=False)
    assert spec["bundled_models"]() == []
    (tmp_path / "translate-fr_en-1_9.argosmodel").write_bytes(b"zip")
    (tmp_path / "notes.txt").write_text("not a model")
    monkeypatch.setenv("GLOSE_BUNDLE_MODELS", str(tmp_path))
    assert spec["bundled_models"]() == [(str(tmp_path / "translate-fr_en-1_9.argosmodel"), "models")]
    monkeypatch.setenv("GLOSE_BUNDLE_MODELS", str(tmp_path / "empty"))
    with pytest.raises(SystemExit, match="no .argosmodel"):
        spec["bundled_models"]()


def test_icon_files_for_every_platform() -> None:
    svg = (ICONS / "glose.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and 'viewBox="0 0 256 256"' in svg
    png = (ICONS / "glose.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (256, 256)
    ico = (ICONS / "glose.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {ico[6 + 16 * i] or 256 for i in range(count)}  # 0 means 256 in an ICO directory
    assert {16, 32, 48, 256} <= sizes
    icns = (ICONS / "glose.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_make_app_and_ci_build_and_check_the_bundle() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    app_rule = makefile.split("\napp:", 1)[1].split("\n\n", 1)[0]
    assert "pip install" in app_rule and "[app]" in app_rule and "PyInstaller" in app_rule and "build_app.spec" in app_rule
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    ci = "\n".join(ln for ln in ci_lines if not ln.lstrip().startswith("#"))
    assert ci.index("make test") < ci.index("make app") < ci.index("make selftest-app")
    assert "set -euo pipefail" in ci


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux wheel layout")
def test_libraries_only_dropped_plugins_needed_are_pruned(spec: dict) -> None:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    files = {
        "PySide6/Qt/plugins/platforms/libqeglfs.so": qt / "plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so": qt / "plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6": qt / "lib/libQt6EglFSDeviceIntegration.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6": qt / "lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6Core.so.6": qt / "lib/libQt6Core.so.6",
    }
    if not all(p.exists() for p in files.values()):
        pytest.skip("this PySide6 wheel has another layout")
    before = [(dest, str(src), "BINARY") for dest, src in files.items()]
    after = [e for e in before if spec["keep_binary"](e[0])]
    assert [Path(e[0]).name for e in before if e not in after] == ["libqeglfs.so"]

    kept = [Path(e[0]).name for e in spec["prune_orphans"](before, after)]

    assert kept == ["libqoffscreen.so", "libQt6Gui.so.6", "libQt6Core.so.6"]


def test_raster_icons_match_the_svg(qapp) -> None:
    """glose.png is tests/make_icons.py's rendering of the current glose.svg (rerun it after editing)."""
    from PySide6.QtGui import QImage

    sys.path.insert(0, str(REPO / "tests"))
    try:
        from make_icons import render_png
    finally:
        sys.path.remove(str(REPO / "tests"))
    fresh = QImage.fromData(render_png(ICONS / "glose.svg", 256)).convertToFormat(QImage.Format.Format_ARGB32)
    stored = QImage(str(ICONS / "glose.png")).convertToFormat(QImage.Format.Format_ARGB32)
    assert (fresh.width(), fresh.height()) == (stored.width(), stored.height()) == (256, 256)
    diff = 0
    for y in range(0, 256, 4):
        for x in range(0, 256, 4):
            a, b = fresh.pixelColor(x, y), stored.pixelColor(x, y)
            diff += abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) + abs(a.alpha() - b.alpha())
    assert diff / (64 * 64 * 4) < 2.0  # renderer versions may differ by a shade, a stale icon by far more


def test_numpy_openblas_is_replaced_by_the_stand_in(spec: dict) -> None:
    from desktop.bundling import blas

    assert spec["replace_openblas"] is blas.replace_openblas  # tests/bundling/test_blas.py tests it
    assert "a.binaries = replace_openblas(a.binaries" in SPEC.read_text(encoding="utf-8")
    app_rule = (REPO / "Makefile").read_text(encoding="utf-8").split("\napp:", 1)[1].split("\n\n", 1)[0]
    assert "command -v gcc" in app_rule and "--no-install-recommends gcc" in app_rule


def test_rapidfuzz_keeps_one_build_of_each_module(spec: dict) -> None:
    excludes = set(spec["EXCLUDES"])
    assert {"rapidfuzz.fuzz_cpp_avx2", "rapidfuzz.distance.metrics_cpp_avx2"} <= excludes
    # the SSE2 builds it falls back to stay
    assert not {"rapidfuzz.fuzz_cpp", "rapidfuzz.distance.metrics_cpp", "rapidfuzz.process_cpp_impl"} & excludes

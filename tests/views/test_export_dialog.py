"""The Export Image dialog, driven with real key presses and clicks."""

from PySide6.QtCore import Qt

from explorer.views.export_dialog import ExportImageDialog, ImageOptions

# The offscreen platform says this whenever a window is shown; it is not about our code.


def _dialog(qtbot, size=(1600, 1000)) -> ExportImageDialog:
    dialog = ExportImageDialog(size)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_defaults_are_png_at_the_size_given(qtbot):
    assert _dialog(qtbot).options() == ImageOptions(".png", (1600, 1000), transparent=False, caption=False)


def test_width_keeps_the_proportions_unless_unlocked(qtbot):
    dialog = _dialog(qtbot)
    dialog.width_box.setValue(4000)
    assert dialog.options().size == (4000, 2500)
    qtbot.mouseClick(dialog.keep_aspect, Qt.MouseButton.LeftButton)
    dialog.height_box.setValue(1000)
    assert dialog.options().size == (4000, 1000)


def test_typing_a_size(qtbot):
    dialog = _dialog(qtbot)
    dialog.height_box.selectAll()
    qtbot.keyClicks(dialog.height_box.lineEdit(), "2000")
    assert dialog.options().size == (3200, 2000)


def test_vector_formats_disable_the_pixel_size(qtbot):
    dialog = _dialog(qtbot)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(".svg"))
    assert not dialog.width_box.isEnabled() and dialog.options().suffix == ".svg"
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(".png"))
    assert dialog.width_box.isEnabled()


def test_checkboxes_reach_the_options(qtbot):
    dialog = _dialog(qtbot)
    qtbot.mouseClick(dialog.transparent_box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.caption_box, Qt.MouseButton.LeftButton)
    options = dialog.options()
    assert options.transparent and options.caption


def test_sizes_up_to_at_least_4000_pixels(qtbot):
    dialog = _dialog(qtbot)
    dialog.width_box.setValue(8000)
    assert dialog.options().size[0] == 8000

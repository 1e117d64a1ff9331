"""The Export image dialog: format, pixel size, background (transparent, dark) and caption. It only collects choices;
`file_menu` asks for the path and writes the file through `explorer.export`."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from explorer.export.images import MAX_IMAGE_SIDE

#: (label, suffix); the first is the default.
IMAGE_FORMATS = (("PNG image", ".png"), ("SVG drawing (vector)", ".svg"), ("PDF document (vector)", ".pdf"))


@dataclass(frozen=True)
class ImageOptions:
    suffix: str
    size: tuple[int, int]
    transparent: bool
    caption: bool
    #: A dark picture (light, for worksheets, unless asked), whatever the desktop's colours.
    dark: bool = False


class ExportImageDialog(QDialog):
    """Pixel size applies to PNG; SVG and PDF are vectors at the plot's size."""

    def __init__(self, default_size: tuple[int, int], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export Image")
        self._aspect = default_size[0] / default_size[1]
        self._syncing = False

        self.format_box = QComboBox(objectName="formatBox")
        for label, suffix in IMAGE_FORMATS:
            self.format_box.addItem(label, suffix)
        self.width_box = self._side_box("widthBox", default_size[0])
        self.height_box = self._side_box("heightBox", default_size[1])
        self.keep_aspect = QCheckBox("Keep proportions", objectName="keepAspect", checked=True)
        self.transparent_box = QCheckBox("Transparent background", objectName="transparentBox")
        self.dark_box = QCheckBox("Dark background (for slides)", objectName="darkBox")
        self.caption_box = QCheckBox("Caption with the function and the readout at x₀", objectName="captionBox")

        size_row = QHBoxLayout()
        size_row.addWidget(self.width_box)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height_box)
        size_row.addWidget(QLabel("pixels"))
        size_row.addWidget(self.keep_aspect)
        self.size_label = QLabel("Size:")

        form = QFormLayout(self)
        form.addRow("Format:", self.format_box)
        form.addRow(self.size_label, size_row)
        form.addRow("", self.transparent_box)
        form.addRow("", self.dark_box)
        form.addRow("", self.caption_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

        self.width_box.valueChanged.connect(lambda w: self._follow(self.height_box, round(w / self._aspect)))
        self.height_box.valueChanged.connect(lambda h: self._follow(self.width_box, round(h * self._aspect)))
        self.keep_aspect.toggled.connect(self._remember_aspect)
        self.format_box.currentIndexChanged.connect(self._format_changed)

    def _side_box(self, name: str, value: int) -> QSpinBox:
        box = QSpinBox(objectName=name)
        box.setRange(16, MAX_IMAGE_SIDE)
        box.setSingleStep(100)
        box.setValue(value)
        return box

    def _follow(self, other: QSpinBox, value: int) -> None:
        if self._syncing or not self.keep_aspect.isChecked():
            return
        self._syncing = True
        other.setValue(value)
        self._syncing = False

    def _remember_aspect(self, keep: bool) -> None:
        if keep:
            self._aspect = self.width_box.value() / self.height_box.value()

    def _format_changed(self) -> None:
        raster = self.format_box.currentData() == ".png"
        for widget in (self.size_label, self.width_box, self.height_box, self.keep_aspect):
            widget.setEnabled(raster)

    def options(self) -> ImageOptions:
        return ImageOptions(
            suffix=self.format_box.currentData(),
            size=(self.width_box.value(), self.height_box.value()),
            transparent=self.transparent_box.isChecked(),
            caption=self.caption_box.isChecked(),
            dark=self.dark_box.isChecked(),
        )

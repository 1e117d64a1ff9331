"""Hand-built FeatureSets for view tests: plain values, as the search hands them (views compute nothing)."""

import math

from explorer.model.features.result import Feature, FeatureKind, FeatureSet, Sign, SignInterval

K = FeatureKind
ROOT3 = math.sqrt(3.0)


def cubic(x_min=-4.0, x_max=4.0) -> FeatureSet:
    """x³ − 3x: zeros at 0 and ±√3, a maximum at −1, a minimum at 1, an inflection at 0."""
    return FeatureSet(x_min, x_max, (
        Feature(-ROOT3, 0.0, (K.ZERO,), exact="-sqrt(3)"),
        Feature(-1.0, 2.0, (K.MAXIMUM,), exact="-1"),
        Feature(0.0, 0.0, (K.ZERO, K.INFLECTION), exact="0"),
        Feature(1.0, -2.0, (K.MINIMUM,), exact="1"),
        Feature(ROOT3, 0.0, (K.ZERO,), exact="sqrt(3)")),
        first=(SignInterval(x_min, -1.0, Sign.POSITIVE), SignInterval(-1.0, 1.0, Sign.NEGATIVE),
               SignInterval(1.0, x_max, Sign.POSITIVE)),
        second=(SignInterval(x_min, 0.0, Sign.NEGATIVE), SignInterval(0.0, x_max, Sign.POSITIVE)))


def breaks(x_min=-4.0, x_max=4.0) -> FeatureSet:
    """|x| at 0 (zero, minimum, corner: slopes −1 and +1), a hole at −1, a pole at 2, a jump at 3."""
    return FeatureSet(x_min, x_max, (
        Feature(-1.0, None, (K.HOLE,), limit=1.0),
        Feature(0.0, 0.0, (K.ZERO, K.MINIMUM, K.CORNER), left_slope=-1.0, right_slope=1.0, exact="0"),
        Feature(2.0, None, (K.ASYMPTOTE,)),
        Feature(3.0, 3.0, (K.JUMP,), left_limit=2.0, right_limit=3.0)),
        first=(SignInterval(x_min, 0.0, Sign.NEGATIVE, ends_undefined=True), SignInterval(0.0, 2.0, Sign.POSITIVE),
               SignInterval(2.0, x_max, Sign.UNDEFINED)),
        second=(SignInterval(x_min, 0.0, Sign.ZERO, ends_undefined=True), SignInterval(0.0, x_max, Sign.ZERO)))


def narrow_corner(x_min=-4.0, x_max=4.0) -> FeatureSet:
    """|x|(x² − 1): minima at ±1/√3, a corner maximum at 0 (slopes 1 and −1) between narrow cells."""
    m = 1 / math.sqrt(3.0)
    y = -2 / (3 * math.sqrt(3.0))
    return FeatureSet(x_min, x_max, (
        Feature(-m, y, (K.MINIMUM,), exact="-sqrt(3)/3"),
        Feature(0.0, 0.0, (K.ZERO, K.MAXIMUM, K.CORNER), left_slope=1.0, right_slope=-1.0, exact="0"),
        Feature(m, y, (K.MINIMUM,), exact="sqrt(3)/3")),
        first=(SignInterval(x_min, -m, Sign.NEGATIVE), SignInterval(-m, 0.0, Sign.POSITIVE, ends_undefined=True),
               SignInterval(0.0, m, Sign.NEGATIVE), SignInterval(m, x_max, Sign.POSITIVE)),
        second=(SignInterval(x_min, 0.0, Sign.POSITIVE, ends_undefined=True), SignInterval(0.0, x_max, Sign.POSITIVE)))

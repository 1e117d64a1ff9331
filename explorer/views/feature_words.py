"""Features in words: the kind names a student reads, a feature's one-line description (the markers'
hover tip, the list's rows) and the families the plot's toggles choose among. Pure functions of the
plain FeatureSet values: tested without widgets.
"""

from __future__ import annotations

from explorer.model.features.result import Feature, FeatureKind
from explorer.notation import MINUS, format_number

K = FeatureKind
#: Which toggle (DocumentState.feature_families) shows each kind of feature.
FAMILY_OF = {
    K.ZERO: "zeros",
    K.MAXIMUM: "extrema", K.MINIMUM: "extrema",
    K.INFLECTION: "inflections",
    K.CORNER: "non_differentiable", K.CUSP: "non_differentiable",
    K.VERTICAL_TANGENT: "non_differentiable", K.DOMAIN_EDGE: "non_differentiable",
    K.HOLE: "discontinuities", K.ASYMPTOTE: "discontinuities", K.JUMP: "discontinuities",
}
#: The toggles' labels, by family.
FAMILY_LABELS = {
    "zeros": "Zeros",
    "extrema": "Maxima and minima",
    "inflections": "Inflection points",
    "non_differentiable": "Corners, cusps, vertical tangents",
    "discontinuities": "Holes, asymptotes, jumps",
}
KIND_WORDS = {
    K.ZERO: "zero", K.MAXIMUM: "maximum", K.MINIMUM: "minimum", K.INFLECTION: "inflection point",
    K.CORNER: "corner", K.CUSP: "cusp", K.VERTICAL_TANGENT: "vertical tangent", K.HOLE: "hole",
    K.ASYMPTOTE: "vertical asymptote", K.JUMP: "jump", K.DOMAIN_EDGE: "end of the domain",
}


def kinds_text(feature: Feature) -> str:
    """'zero, minimum, corner'; an extremum at an end of the interval says so ('maximum (at the end)')."""
    words = [KIND_WORDS[kind] for kind in feature.kinds]
    if feature.endpoint:
        words = [word + " (at the end)" if word in ("maximum", "minimum") else word for word in words]
    return ", ".join(words)


def x_text(feature: Feature) -> str:
    """x as a number, with its exact form where the search found one and it says more ('1.0472 = π/3')."""
    shown = format_number(feature.x)
    exact = exact_text(feature.exact)
    return f"{shown} = {exact}" if exact and exact != shown else shown


def exact_text(exact: str | None) -> str | None:
    """The search's exact form as a student reads it: a real minus sign."""
    return exact.replace("-", MINUS) if exact else exact


def y_text(feature: Feature) -> str:
    """f(x), or what f does there where it has no value (a hole's limit, a jump's sides)."""
    if feature.y is not None:
        return format_number(feature.y)
    if feature.limit is not None:
        return f"undefined (limit {format_number(feature.limit)})"
    return "undefined"


def feature_tip(feature: Feature) -> str:
    """The markers' hover text: what, where, how high, and the one-sided slopes where they differ."""
    lines = [kinds_text(feature)[:1].upper() + kinds_text(feature)[1:], f"x = {x_text(feature)}",
             f"f(x) = {y_text(feature)}"]
    if feature.left_limit is not None or feature.right_limit is not None:
        lines.append(f"limits: left {format_number(feature.left_limit)}, right {format_number(feature.right_limit)}")
    if feature.left_slope is not None or feature.right_slope is not None:
        lines.append(f"slopes: left {format_number(feature.left_slope)}, right {format_number(feature.right_slope)}")
    return "\n".join(lines)


def shown_features(features, families) -> list[Feature]:
    """The features that have a kind in one of `families`, in order of x."""
    families = set(families)
    return [feature for feature in features if any(FAMILY_OF[kind] in families for kind in feature.kinds)]


def neighbour_x(features, x0: float, step: int) -> float | None:
    """The x of the nearest feature after x₀ (step 1) or before it (step −1), or None: where `[`
    and `]` take x₀. A feature within a hair of x₀ counts as x₀'s own, so the keys never stall."""
    xs = sorted(feature.x for feature in features)
    tolerance = 1e-9 * max(1.0, abs(x0))
    if step > 0:
        return next((x for x in xs if x > x0 + tolerance), None)
    return next((x for x in reversed(xs) if x < x0 - tolerance), None)

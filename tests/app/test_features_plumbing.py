"""The features of the curve travel with the curves: one job asks for them, one Frame brings them
(sampled to f″ at least, which the sign charts read), through the engine's process as well."""

import dataclasses
import pickle
import sys
import types

import pytest

from explorer.app.frame import MAIN
from explorer.app.jobs import FunctionRef, SampleJob, run_job
from explorer.app.state import DocumentState
from explorer.model import Engine, parse
from explorer.model.features.result import Feature, FeatureKind, FeatureSet, Sign, SignInterval


def hand_built(x_min, x_max) -> FeatureSet:
    """What a search would say of x³ − 3x (plain values: this file tests the transport, not the search)."""
    zero = Feature(0.0, 0.0, (FeatureKind.ZERO, FeatureKind.INFLECTION), exact="0")
    return FeatureSet(x_min, x_max, (Feature(-1.0, 2.0, (FeatureKind.MAXIMUM,), exact="-1"), zero,
                                     Feature(1.0, -2.0, (FeatureKind.MINIMUM,), exact="1")),
                      first=(SignInterval(x_min, -1.0, Sign.POSITIVE), SignInterval(-1.0, 1.0, Sign.NEGATIVE),
                             SignInterval(1.0, x_max, Sign.POSITIVE)),
                      second=(SignInterval(x_min, 0.0, Sign.NEGATIVE), SignInterval(0.0, x_max, Sign.POSITIVE)))


@pytest.fixture
def recorded_search(monkeypatch):
    """A search module that notes what it was handed and answers `hand_built` (the real one is
    tested on its own; here only what run_job hands it and what it does with the answer count)."""
    calls = []

    def find_features(engine, function, x_min, x_max, params=None, curves=None, exact=True):
        calls.append((engine, function, x_min, x_max, params, curves))
        return hand_built(x_min, x_max)

    module = types.ModuleType("explorer.model.features.search")
    module.find_features = find_features
    monkeypatch.setitem(sys.modules, "explorer.model.features.search", module)
    return calls


@pytest.fixture(scope="module")
def engine():
    return Engine(fuse=False, threads=1)


def job(text, features, orders=(1,), params=None):
    return SampleJob(1, FunctionRef(text, parse(text)), (-3.0, 3.0), 601, max((1, *orders)), params or {}, 0.5,
                     orders, features)


def test_a_job_with_features_hands_the_search_its_own_curves_sampled_to_f2(engine, recorded_search):
    asked = job("a x^3 - 3x", True, params={"a": 1.0})
    frame = run_job(engine, asked, asked.function.parsed)
    (used_engine, function, x_min, x_max, params, curves), = recorded_search
    assert used_engine is engine and function is asked.function.parsed
    assert (x_min, x_max, params) == (-3.0, 3.0, {"a": 1.0})
    assert curves is frame.main and curves.order >= 2  # one sampling serves the curves and the search
    assert frame.main_features == hand_built(-3.0, 3.0) and frame.features[MAIN] is frame.main_features
    assert frame.reading.x == 0.5 and len(frame.reading.values) == 2  # the reading keeps the job's order


def test_a_job_without_features_never_searches_nor_samples_more(engine, recorded_search):
    asked = job("x^3 - 3x", False)
    frame = run_job(engine, asked, asked.function.parsed)
    assert recorded_search == [] and frame.features == {} and frame.main_features is None
    assert frame.main.order == 1


def test_a_frame_with_features_survives_the_trip_between_processes(engine, recorded_search):
    asked = job("x^3 - 3x", True)
    frame = pickle.loads(pickle.dumps(run_job(engine, asked, asked.function.parsed)))
    assert frame.main_features == hand_built(-3.0, 3.0)
    assert frame.main_features.features[0].kinds == (FeatureKind.MAXIMUM,)


@pytest.mark.parametrize("change", [dict(show_features=True), dict(show_sign_charts=True),
                                    dict(curve_colouring="first")])
def test_the_session_asks_for_features_when_a_feature_view_is_shown(make_session, recorded_search, change):
    session = make_session(DocumentState(text="x^3 - 3x"))
    session.compute_now()
    assert session.last_frame.features == {}
    frames = []
    session.curves_changed.connect(frames.append)
    getattr(session, {"show_features": "set_features", "show_sign_charts": "set_sign_charts",
                      "curve_colouring": "set_curve_colouring"}[next(iter(change))])(next(iter(change.values())))
    session.wait_idle()
    assert len(frames) == 1  # one recomputation, one signal: curves and features together
    assert frames[0].main_features == hand_built(-4.0, 4.0)
    assert dataclasses.replace(session.state, **{k: getattr(DocumentState(), k) for k in change}) == \
        dataclasses.replace(DocumentState(text="x^3 - 3x"), parameters=session.state.parameters)


def test_families_and_hiding_change_the_state_without_a_recomputation(make_session, recorded_search):
    session = make_session(DocumentState(text="x^3 - 3x", show_features=True))
    session.compute_now()
    frames = []
    session.curves_changed.connect(frames.append)
    session.set_feature_family("zeros", False)
    session.set_feature_family("extrema", False)
    session.set_feature_family("zeros", True)
    session.set_feature_family("poles", True)  # not a family: ignored
    assert session.state.feature_families == ("zeros", "inflections", "non_differentiable", "discontinuities")
    session.set_features(False)
    assert frames == [] and not session.busy
    session.undo()
    assert session.state.show_features


def test_the_engines_process_answers_a_features_job_with_the_searchs_features(qtbot):
    """Through the real engine process and the real search: x³ − 3x on [−3, 3] has its maximum at
    −1, its minimum at 1, its inflection at 0 and zeros at 0 and ±√3 (3x² − 3 = 0, 6x = 0, x(x² − 3) = 0)."""
    from engine_answers import listened

    from explorer.app.engine_process import EngineProcess

    engine = EngineProcess()
    answers = listened(engine)
    try:
        qtbot.waitUntil(lambda: engine.ready, timeout=120_000)
        engine.submit(job("x^3 - 3x", True))
        qtbot.waitUntil(lambda: answers.jobs_answered() == 1, timeout=60_000)
        assert answers.failed_jobs == []
        (_, frame), = answers.frames
        found = {str(kind): feature.x for feature in frame.main_features.features for kind in feature.kinds}
        assert found["maximum"] == pytest.approx(-1.0, abs=1e-9)
        assert found["minimum"] == pytest.approx(1.0, abs=1e-9)
        assert found["inflection"] == pytest.approx(0.0, abs=1e-9)
        zeros = sorted(f.x for f in frame.main_features.features if FeatureKind.ZERO in f.kinds)
        assert zeros == pytest.approx([-3 ** 0.5, 0.0, 3 ** 0.5], abs=1e-9)
        assert [cell.sign for cell in frame.main_features.first] == [Sign.POSITIVE, Sign.NEGATIVE, Sign.POSITIVE]
    finally:
        engine.close()

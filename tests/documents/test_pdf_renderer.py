"""PdfRenderer on good PDFs: fit-width and zoom rendering, page sizes, lifecycle."""

from __future__ import annotations

import hashlib

import pymupdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.demo.pdf.build import DemoDocSpec, build_demo_pdf
from documents.render import (DocumentError, PdfRenderer, RenderedPage, page_count,
                              sha256_file)

A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("render") / "bao-cao.pdf"
    spec = DemoDocSpec(key="bc", kind="report", title="Báo cáo tình hình kinh tế - xã hội năm 2026",
                       issuer="ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", number="Số: 412/BC-UBND",
                       place_date="Đắk Lắk, ngày 20 tháng 11 năm 2026", pages=6, seed=3)
    build_demo_pdf(spec, path)
    return path


def _not_all_white(page: RenderedPage) -> bool:
    return page.samples.count(255) < len(page.samples)


def test_fit_width_800(demo_pdf):
    with PdfRenderer(demo_pdf) as renderer:
        page = renderer.render(0, width_px=800)
    assert isinstance(page, RenderedPage)
    assert (page.index, page.width, page.format) == (0, 800, "RGB888")
    assert page.height == pytest.approx(800 * A4[1] / A4[0], abs=1)
    assert page.stride >= page.width * 3
    assert len(page.samples) == page.stride * page.height
    assert isinstance(page.samples, bytes)
    assert _not_all_white(page)


def test_samples_view_is_zero_copy_read_only_and_outlives_the_renderer(demo_pdf):
    renderer = PdfRenderer(demo_pdf)
    page = renderer.render(1, width_px=640)
    view = page.samples_mv
    assert view.readonly and view.nbytes == page.stride * page.height
    with pytest.raises(TypeError):
        view[0] = 0
    copy = page.samples
    assert copy is page.samples  # the copy is made once
    renderer.close()  # the pixmap belongs to the page, not to the document
    assert bytes(view) == copy
    assert _not_all_white(page)


def test_zoom_render(demo_pdf):
    with PdfRenderer(demo_pdf) as renderer:
        one = renderer.render(2, zoom=1.0)
        two = renderer.render(2, zoom=2.0)
    assert one.width == pytest.approx(A4[0], abs=1)
    assert one.height == pytest.approx(A4[1], abs=1)
    assert two.width == pytest.approx(2 * A4[0], abs=1)
    assert len(two.samples) == two.stride * two.height
    assert _not_all_white(one) and _not_all_white(two)


def test_page_count_and_sizes(demo_pdf):
    with PdfRenderer(demo_pdf) as renderer:
        assert renderer.page_count == 6
        assert renderer.page_size(5) == pytest.approx(A4, abs=0.01)
        assert renderer.was_repaired is False
    assert page_count(demo_pdf) == 6


@pytest.mark.parametrize("index", [-1, 6, 1000])
def test_page_out_of_range(demo_pdf, index):
    with PdfRenderer(demo_pdf) as renderer:
        with pytest.raises(DocumentError) as err:
            renderer.render(index, width_px=100)
        assert err.value.code == "page_out_of_range"
        with pytest.raises(DocumentError) as err:
            renderer.page_size(index)
        assert err.value.code == "page_out_of_range"


@pytest.mark.parametrize("kwargs", [{}, {"zoom": 1.0, "width_px": 100}, {"zoom": 0},
                                    {"width_px": 0}, {"width_px": 10.5}])
def test_render_arguments(demo_pdf, kwargs):
    with PdfRenderer(demo_pdf) as renderer:
        with pytest.raises(ValueError):
            renderer.render(0, **kwargs)


def test_close_and_context_manager(demo_pdf):
    renderer = PdfRenderer(demo_pdf)
    assert not renderer.closed
    with renderer:
        renderer.render(0, zoom=0.25)
    assert renderer.closed
    renderer.close()  # twice is fine
    with pytest.raises(ValueError):
        renderer.render(0, zoom=0.25)


def test_sha256_file(demo_pdf, tmp_path):
    assert sha256_file(demo_pdf) == hashlib.sha256(demo_pdf.read_bytes()).hexdigest()
    big = tmp_path / "big.bin"
    big.write_bytes(bytes(range(256)) * 9000)  # > 2 chunks
    assert sha256_file(big) == hashlib.sha256(big.read_bytes()).hexdigest()
    with pytest.raises(DocumentError) as err:
        sha256_file(tmp_path / "missing.pdf")
    assert err.value.code == "not_found"


def test_rotated_landscape_page(tmp_path):
    path = tmp_path / "rotated.pdf"
    doc = pymupdf.open()
    doc.new_page(width=A4[0], height=A4[1]).set_rotation(90)
    doc.new_page(width=A4[1], height=A4[0])
    doc.save(path)
    with PdfRenderer(path) as renderer:
        for index in (0, 1):
            assert renderer.page_size(index) == pytest.approx((A4[1], A4[0]), abs=0.01)
            page = renderer.render(index, width_px=1000)
            assert page.width == 1000
            assert page.height == pytest.approx(1000 * A4[0] / A4[1], abs=1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(width=st.floats(50, 2000), height=st.floats(50, 2000), width_px=st.integers(1, 2500),
       rotate=st.sampled_from([0, 90, 180, 270]))
def test_fit_width_is_exact(tmp_path, width, height, width_px, rotate):
    path = tmp_path / "odd.pdf"
    doc = pymupdf.open()
    doc.new_page(width=width, height=height).set_rotation(rotate)
    doc.save(path)
    with PdfRenderer(path) as renderer:
        page = renderer.render(0, width_px=width_px)
    assert page.width == width_px
    assert len(page.samples) == page.stride * page.height

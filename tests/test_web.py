"""The web page (`monographs serve`) with Starlette's test client on the synthetic atlas:
pages in three languages, search, canonical addresses, downloads built by the workers,
comparisons, safety (tokens, origins, lengths, paths) and error pages."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402
from web_helpers import download_link, form, state, wait_for  # noqa: E402

from monographs.batch.manifest import read_manifest  # noqa: E402
from monographs.web import create_app  # noqa: E402
from monographs.web.downloads import disposition, download_names  # noqa: E402


@pytest.fixture(scope="module")
def served(synthetic_master: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("web-out")
    app = create_app(synthetic_master, out, workers=1)
    with TestClient(app) as client:
        yield client, out


@pytest.fixture(scope="module")
def client(served) -> TestClient:
    return served[0]


@pytest.mark.parametrize(("accept", "lang"), [("ar,fr;q=0.5", "ar"), ("en-GB", "en"), ("", "fr")])
def test_the_root_goes_to_the_readers_language(client, accept, lang):
    r = client.get("/", headers={"Accept-Language": accept}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/{lang}/"


@pytest.mark.parametrize(("lang", "direction"), [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_every_page_says_its_language_and_direction(client, lang, direction):
    for path in (
        f"/{lang}/",
        f"/{lang}/search?q=alpha",
        f"/{lang}/t/A-alpha",
        f"/{lang}/compare/region",
        f"/{lang}/nowhere",
    ):
        html = client.get(path).text
        assert f'<html lang="{lang}" dir="{direction}">' in html, path
        assert 'href="#main"' in html and '<main id="main"' in html
        for other in {"fr", "ar", "en"} - {lang}:
            assert re.search(rf'<a href="/{other}/[^"]*" hreflang="{other}" lang="{other}">', html)


def test_the_pages_are_translated_from_the_catalogues(client):
    assert "Trouver un territoire" in client.get("/fr/").text
    assert "البحث عن مجال ترابي" in client.get("/ar/").text
    assert "Find a territory" in client.get("/en/").text


@pytest.mark.parametrize("query", ["alpha", "ALPHA", "beta sud", "Bêta", "beta-sud", "ألفا"])
def test_search_forgives_accents_case_hyphens_and_scripts(client, query):
    html = client.get("/ar/search", params={"q": query}).text
    assert re.search(r'href="/ar/t/[AB]-(alpha|beta-sud)"', html), query


def test_search_groups_results_by_level_with_their_parent(client):
    html = client.get("/fr/search", params={"q": "a"}).text
    region, province = html.index("<h3>Région</h3>"), html.index("<h3>Province</h3>")
    assert region < province
    assert re.search(
        r'href="/fr/t/A.1-aube"><bdi lang="fr">Aube</bdi></a> <span class="parent">'
        r'— <bdi lang="fr">Alpha</bdi>',
        html,
    )


def test_a_search_that_finds_nothing_says_so(client):
    r = client.get("/en/search", params={"q": "zzzz"})
    assert r.status_code == 200 and "No territory found" in r.text


def test_a_wrong_slug_redirects_to_the_canonical_address(client):
    r = client.get("/fr/t/A-wrong-name", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/fr/t/A-alpha"
    assert client.get("/fr/t/A", follow_redirects=False).headers["location"] == "/fr/t/A-alpha"


def test_the_territory_page_says_what_the_report_holds(client):
    html = client.get("/fr/t/C-gamma").text
    assert "<dt>Édition</dt><dd>2026</dd>" in html
    assert "Chiffres clés disponibles" in html and "Chiffres manquants" in html
    # region C lacks its foreign residents: a key figure shown missing
    assert 'class="missing"' in html


def test_unknown_territories_languages_and_files_are_404_pages(client):
    for path in (
        "/fr/t/ZZ-nowhere",
        "/de/",
        "/fr/t/A-alpha/..%2F..%2Fetc%2Fpasswd",
        "/fr/t/A-alpha/manifest.json",
        "/ar/compare/nolevel",
    ):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "Traceback" not in r.text
    assert "الصفحة غير موجودة" in client.get("/ar/t/ZZ").text


def test_a_pdf_not_built_is_never_linked_and_is_prepared_on_request(served):
    client, out = served
    html = client.get("/fr/t/B-beta-sud").text
    assert "report.pdf" not in html  # no link to a file that does not exist yet
    r = client.get("/fr/t/B-beta-sud/report.pdf")
    assert r.status_code == 404 and "Préparer le PDF" in r.text
    action, token = form(html)
    r = client.post(action, data={"token": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/fr/jobs/")
    done = wait_for(client, r.headers["location"])
    assert state(done) == "done"
    pdf = client.get(download_link(done))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    assert 'filename="b-beta-sud-fr-2026.pdf"' in pdf.headers["content-disposition"]
    # recorded in the manifest as a CLI build would be, and now linked from the page
    assert read_manifest(out)["B\tfr"]["status"] == "built"
    assert "report.pdf" in client.get("/fr/t/B-beta-sud").text


def test_an_up_to_date_pdf_is_served_at_once(served):
    client, _out = served
    html = client.get("/en/t/A-alpha").text
    action, token = form(html)
    job = client.post(action, data={"token": token}, follow_redirects=False).headers["location"]
    wait_for(client, job)
    again = client.post(action, data={"token": token}, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == "/en/t/A-alpha/report.pdf"


def test_identical_requests_join_one_job(client):
    action, token = form(client.get("/ar/t/C-gamma").text)
    first = client.post(action, data={"token": token}, follow_redirects=False)
    second = client.post(action, data={"token": token}, follow_redirects=False)
    assert first.headers["location"] == second.headers["location"]
    assert state(wait_for(client, first.headers["location"])) == "done"


def test_the_arabic_pdf_is_named_in_arabic_too(client):
    action, token = form(client.get("/ar/t/A-alpha").text)
    job = client.post(action, data={"token": token}, follow_redirects=False).headers["location"]
    r = client.get(download_link(wait_for(client, job)))
    header = r.headers["content-disposition"]
    assert 'filename="a-alpha-ar-2026.pdf"' in header
    assert unquote(header.split("filename*=UTF-8''")[1]) == "A-ألفا-ar-2026.pdf"


def test_file_names_survive_non_latin_names():
    ascii_name, native = download_names(["06.141", "الدار البيضاء", "ar", "2026"], "pdf")
    assert ascii_name == "06-141-ar-2026.pdf"
    assert native == "06.141-الدار-البيضاء-ar-2026.pdf"
    header = disposition(ascii_name, native)
    assert header.startswith("attachment; filename=\"06-141-ar-2026.pdf\"; filename*=UTF-8''")
    assert header.isascii()


def test_the_figures_and_the_collection_sheet_download(client):
    csv = client.get("/fr/t/C-gamma/figures.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert "territory_code" in csv.content.decode("utf-8-sig").splitlines()[0]
    xlsx = client.get("/fr/t/C-gamma/figures.xlsx")
    assert xlsx.content[:2] == b"PK"
    sheet = client.get("/fr/t/C-gamma/collect.csv").content.decode("utf-8-sig")
    assert "foreign_residents" in sheet  # region C lacks them: the sheet asks for them
    assert client.get("/fr/t/C-gamma/collect.xlsx").content[:2] == b"PK"


def test_a_post_without_the_token_or_from_another_site_is_refused(client):
    action, token = form(client.get("/fr/t/A-alpha").text)
    assert client.post(action, data={"token": "x"}).status_code == 403
    other = client.post(action, data={"token": token}, headers={"Origin": "http://evil.example"})
    assert other.status_code == 403 and "Cette demande est refusée" in other.text
    big = client.post(action, data={"token": token, "x": "a" * 10_000})
    assert big.status_code == 400


def test_inputs_are_bounded(client):
    assert client.get("/fr/search", params={"q": "a" * 5000}).status_code == 414
    r = client.get("/fr/search", params={"q": "alpha" + " " * 150 + "zzz"})
    assert r.status_code == 200


def test_a_comparison_has_its_codes_in_the_address(client):
    r = client.get("/fr/compare/region?codes=C,A", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/fr/compare/region?codes=A,C"
    r = client.get("/fr/compare/region?codes=C&codes=A", follow_redirects=False)
    assert r.headers["location"] == "/fr/compare/region?codes=A,C"


def test_a_comparison_gives_its_pdf_csv_and_xlsx(client):
    html = client.get("/en/compare/region?codes=A,B,C").text
    assert "comparison.pdf" not in html
    action, token = form(html)
    job = client.post(action, data={"token": token}, follow_redirects=False).headers["location"]
    done = wait_for(client, job)
    assert state(done) == "done", done
    pdf = client.get(download_link(done))
    assert pdf.content.startswith(b"%PDF")
    assert 'filename="comparison-region-a-b-c-en-2026.pdf"' in pdf.headers["content-disposition"]
    page = client.get("/en/compare/region?codes=A,B,C").text
    assert client.get("/en/compare/region/comparison.csv?codes=A,B,C").status_code == 200
    assert client.get("/en/compare/region/comparison.xlsx?codes=A,B,C").content[:2] == b"PK"
    assert "comparison.csv" in page


@pytest.mark.parametrize("codes", ["A", "A,B,ZZ", "A,A.1"])
def test_a_comparison_that_cannot_be_made_says_why(client, codes):
    r = client.get(f"/fr/compare/region?codes={codes}")
    assert r.status_code == 400 and 'role="alert"' in r.text


def test_the_full_queue_answers_503_with_retry_after(synthetic_master, tmp_path):
    app = create_app(synthetic_master, tmp_path / "out", workers=1, max_queue=1)
    client = TestClient(app)  # no lifespan: the workers never start, the queue fills
    first = form(client.get("/fr/t/A-alpha").text)
    second = form(client.get("/fr/t/B-beta-sud").text)
    assert (
        client.post(first[0], data={"token": first[1]}, follow_redirects=False).status_code == 303
    )
    busy = client.post(second[0], data={"token": second[1]}, follow_redirects=False)
    assert busy.status_code == 503 and int(busy.headers["retry-after"]) > 0
    assert "Le serveur est occupé" in busy.text


def test_static_files_and_fonts_are_served_by_the_page(client):
    assert client.get("/static/site.css").status_code == 200
    assert client.get("/static/wait.js").status_code == 200
    font = client.get("/fonts/NotoSansArabic-Regular.ttf")
    assert font.status_code == 200 and len(font.content) > 10_000
    assert client.get("/static/../pages.py").status_code == 404


def test_pages_forbid_loading_from_elsewhere(client):
    csp = client.get("/fr/").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "<script>" not in client.get("/fr/jobs/x").text

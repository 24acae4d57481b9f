"""The web page in a real browser: Debian's Chromium driven by Playwright, against the real server process.

No browser download: Playwright starts the system Chromium (``executable_path``). axe-core comes
inside the axe-playwright-python package. Every test also proves that the page asked nothing of any
server but its own.
"""

from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import ROOT
from tests.web_server import running_server

pytestmark = pytest.mark.slow

CHROMIUM = next((path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None)
if CHROMIUM is None:
    pytest.skip("Chromium er ikke installert (apt-get install chromium); .ci/run installerer den",
                allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--no-proxy-server"]
EDITOR = '[data-klarsprak="editor"]'
MARKS = '[data-klarsprak="marks"]'
FINDINGS = '[data-klarsprak="findings"]'
BUREAUCRATIC = "Hei 😀 Vi viser til din henvendelse vedrørende timebestilling."
SCREENSHOT_POST = ("Vi viser til din henvendelse vedrørende timebestilling. Man må ta kontakt med fastlegen "
                   "samt sende inn skjemaet innen fredag.\n\nKlikk her for å lese mer 😀 på helsenorge.no.")


@pytest.fixture(scope="module")
def server():
    with running_server() as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def open_page(browser, server, locale: str = "nb-NO", width: int = 1280, height: int = 900):
    """A fresh tab on the page; every request it makes is recorded, and any to another origin is stopped."""
    context = browser.new_context(locale=locale, viewport={"width": width, "height": height})
    outside: list[str] = []

    def only_own_origin(route):
        if route.request.url.startswith(server.url + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_own_origin)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.url + "/")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    return page, outside, errors


@pytest.fixture
def tab(browser, server):
    page, outside, errors = open_page(browser, server)
    yield page
    page.context.close()
    assert outside == [], f"the page asked another server: {outside}"
    assert errors == [], errors


def finding(page: Page, rule: str, word: str | None = None):
    """The findings of a rule in the list; with ``word``, only those on that word («vedrørende»)."""
    key = f'[data-key^="{rule}|{word}|"]' if word else ""
    return page.locator(f'{FINDINGS} li[data-rule="{rule}"]{key}')


def mark_of(page: Page, rule: str, word: str):
    return page.locator(f'{MARKS} mark[data-rule="{rule}"][data-key^="{rule}|{word}|"]')


def wait_for_finding(page: Page, rule: str, word: str | None = None):
    expect(finding(page, rule, word).first).to_be_visible(timeout=30_000)
    return finding(page, rule, word).first


def test_bureaucratic_post_is_marked_and_its_safe_fix_applies(tab):
    editor = tab.locator(EDITOR)
    editor.click()
    editor.press_sequentially(BUREAUCRATIC)
    item = wait_for_finding(tab, "byrakratisk-ord", "vedrørende")
    mark = mark_of(tab, "byrakratisk-ord", "vedrørende")
    expect(mark).to_have_text("vedrørende")  # the range lands on the word, after an emoji (two UTF-16 units)
    expect(mark).to_have_attribute("data-severity", "warning")
    expect(item).to_have_attribute("data-severity", "warning")
    shown = tab.locator(f"{FINDINGS} li[data-rule]").count()
    expect(tab.locator("#status")).to_have_attribute("role", "status")
    expect(tab.locator("#status")).to_contain_text(f"{shown} funn: ")  # what a screen reader hears
    item.locator(".finding-toggle").click()
    item.locator('[data-action="show"]').click()
    expect(editor).to_be_focused()
    assert tab.evaluate("(e => e.value.slice(e.selectionStart, e.selectionEnd))(document.activeElement)") == "vedrørende"
    item.locator('[data-action="fix"]').first.click()
    expect(editor).to_have_value("Hei 😀 Vi viser til din henvendelse om timebestilling.")
    expect(mark).to_have_count(0, timeout=30_000)
    expect(tab.locator("#status")).not_to_have_text("")


def test_nynorsk_post_gets_nynorsk_explanations(tab):
    tab.locator(EDITOR).fill("Vi har fått mange spørsmål angåande koronavaksinen. Vi svarer så fort vi kan.")
    tab.locator(EDITOR).fill("Vi har fått mange spørsmål angåande koronavaksinen. Vi svarar så fort vi kan, "
                             "og du treng ikkje ringje oss.")
    item = wait_for_finding(tab, "byrakratisk-ord")
    item.locator(".finding-toggle").click()
    explanation = item.locator(".explanation")
    expect(explanation).to_contain_text("Strategien til Helsenorge seier")
    expect(explanation).to_have_attribute("lang", "nn")
    expect(item.locator(".source")).to_contain_text("Kansellisten")
    expect(tab.locator("#stat-malform")).to_have_text("nynorsk")
    expect(item.locator("a")).to_have_attribute("href", "/regler/byrakratisk-ord?malform=nn")


def test_keyboard_only_reach_open_fix_and_return_to_the_text(tab):
    tab.keyboard.press("Tab")  # the skip link comes first
    expect(tab.locator(".skip")).to_be_focused()
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab") if not tab.evaluate("document.activeElement.id === 'editor'") else None
    expect(tab.locator(EDITOR)).to_be_focused()
    tab.keyboard.type("Vi viser til din henvendelse vedrørende timebestilling.")
    item = wait_for_finding(tab, "byrakratisk-ord", "vedrørende")
    for _ in range(40):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.matches('li[data-key^=\"byrakratisk-ord|vedrørende|\"] .finding-toggle')"):
            break
    else:
        pytest.fail("Tab never reached the finding")
    tab.keyboard.press("Enter")
    expect(item.locator(".finding-toggle")).to_have_attribute("aria-expanded", "true")
    tab.keyboard.press("Tab")
    expect(item.locator('[data-action="fix"]').first).to_be_focused()
    tab.keyboard.press("Enter")
    expect(tab.locator(EDITOR)).to_have_value("Vi viser til din henvendelse om timebestilling.")
    expect(tab.locator(EDITOR)).to_be_focused()
    caret = tab.evaluate("document.activeElement.selectionStart")
    assert caret == len("Vi viser til din henvendelse om")


def test_unsafe_suggestion_needs_confirmation(tab):
    editor = tab.locator(EDITOR)
    editor.fill("Man må bestille time hos fastlegen før man kommer.")
    item = wait_for_finding(tab, "tiltale")
    item.locator(".finding-toggle").click()
    choice = item.locator('[data-action="choose"]').first
    expect(item.locator('[data-action="fix"]')).to_have_count(0)
    choice.click()
    expect(editor).to_have_value("Man må bestille time hos fastlegen før man kommer.")  # nothing yet
    confirm = item.locator('[data-action="confirm-fix"]')
    expect(confirm).to_be_focused()
    confirm.click()
    expect(editor).not_to_have_value("Man må bestille time hos fastlegen før man kommer.")
    assert tab.locator(EDITOR).input_value().endswith("må bestille time hos fastlegen før man kommer.")


def test_fix_all_applies_every_safe_fix_and_copy_copies_the_text(tab):
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    editor = tab.locator(EDITOR)
    editor.fill("Svar på SMS samt e-post 😀 vedrørende timen.\r\nHilsen oss")
    wait_for_finding(tab, "byrakratisk-ord")
    expect(finding(tab, "byrakratisk-ord")).to_have_count(2)
    tab.locator('[data-action="fix-all"]').click()
    expect(editor).to_have_value("Svar på SMS og e-post 😀 om timen.\nHilsen oss")
    tab.locator('[data-action="copy"]').click()
    expect(tab.locator("#status")).to_have_text("Teksten er kopiert.")
    assert tab.evaluate("navigator.clipboard.readText()") == "Svar på SMS og e-post 😀 om timen.\nHilsen oss"


def test_counter_counts_like_the_channel_rule(tab):
    tab.locator("#kanal").select_option("x")
    text = ("Nå kan du fornye resepten din hos fastlegen direkte på helsenorge.no, uten å ringe legekontoret. "
            "Logg inn, velg «Resepter» og send en melding til legen din. Svaret kommer i innboksen din, og du "
            "får varsel på SMS når legen har svart. Tjenesten er gratis og gjelder de fleste fastleger i landet. "
            "Les mer: https://www.helsenorge.no/legemidler/resepter/fornye-resept-hos-fastlegen/")
    tab.locator(EDITOR).fill(text)
    item = wait_for_finding(tab, "kanal-lengde")
    told = int(re.search(r"har (\d+) tegn", item.inner_text()).group(1))
    counter = tab.locator('[data-klarsprak="counter"]')
    expect(counter).to_contain_text(f"{told} av 280 på X")
    expect(counter).to_contain_text(f"{told - 280} for mye")


def test_stale_answer_is_never_shown(tab):
    held = []

    def hold_the_first(route):
        if "vedrørende" in (route.request.post_data or "") and not held:
            held.append(route)
            return
        route.continue_()

    tab.route("**/api/check", hold_the_first)
    editor = tab.locator(EDITOR)
    editor.fill("Vi viser til din henvendelse vedrørende timebestilling.")
    for _ in range(200):
        if held:
            break
        tab.wait_for_timeout(25)
    assert held, "the first check was never sent"
    editor.fill("Hei! Vi svarer deg så snart vi kan.")
    expect(tab.locator("#status")).to_contain_text("funn", timeout=30_000)  # the newer text's answer is shown
    words = tab.locator("#stat-words").inner_text()
    assert words != "0"
    with tab.expect_response(lambda response: "vedrørende" in (response.request.post_data or "")) as late:
        held[0].continue_()
    assert late.value.ok  # the old answer did arrive, after the new one
    tab.wait_for_timeout(300)
    expect(tab.locator(f'{MARKS} mark[data-rule="byrakratisk-ord"]')).to_have_count(0)
    expect(finding(tab, "byrakratisk-ord")).to_have_count(0)
    expect(tab.locator("#stat-words")).to_have_text(words)


def test_ui_language_follows_the_browser_and_the_switch(browser, server):
    page, outside, errors = open_page(browser, server, locale="nn-NO")
    try:
        expect(page.locator("html")).to_have_attribute("lang", "nn")
        expect(page.locator("#ui-lang-label")).to_have_text("Språk på sida")
        expect(page.locator('[data-ui-lang="nn"]')).to_have_attribute("aria-pressed", "true")
        page.locator('[data-ui-lang="nb"]').click()
        expect(page.locator("html")).to_have_attribute("lang", "nb")
        expect(page.locator("#ui-lang-label")).to_have_text("Språk på siden")
    finally:
        page.context.close()
    assert outside == [] and errors == []


def axe_violations(page: Page) -> list[str]:
    result = Axe().run(page)
    return [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in result.response["violations"]]


@pytest.mark.parametrize(("width", "height", "locale"), [(1280, 900, "nb-NO"), (640, 450, "nn-NO"), (360, 740, "nb-NO")])
def test_axe_finds_no_violations_with_findings_on_screen(browser, server, width, height, locale):
    """1280 px; 640 px is a 1280 px window at 200 % zoom; 360 px is a small phone."""
    page, outside, errors = open_page(browser, server, locale=locale, width=width, height=height)
    try:
        page.locator(EDITOR).fill(SCREENSHOT_POST)
        item = wait_for_finding(page, "byrakratisk-ord")
        item.locator(".finding-toggle").click()
        expect(item.locator(".source")).to_be_visible()
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        assert page.locator(EDITOR).bounding_box()["width"] <= width
    finally:
        page.context.close()
    assert outside == [] and errors == []


def test_rule_page_passes_axe(tab, server):
    tab.goto(server.url + "/regler/byrakratisk-ord?malform=nn")
    expect(tab.locator("h1")).to_have_text("byrakratisk-ord")
    assert axe_violations(tab) == []


def test_screenshot_for_the_readme(tab):
    """The README's picture is this page, made by this test from the real server."""
    tab.locator(EDITOR).fill(SCREENSHOT_POST)
    item = wait_for_finding(tab, "byrakratisk-ord")
    expect(tab.locator(f'{MARKS} mark[data-rule="tiltale"]').first).to_be_visible()
    item.locator(".finding-toggle").click()
    expect(item.locator(".source")).to_be_visible()
    tab.locator("#status").scroll_into_view_if_needed()
    tab.evaluate("window.scrollTo(0, 0)")
    tab.screenshot(path=str(ROOT / "examples" / "serve.png"))


def test_marks_stay_on_their_words_while_the_next_answer_is_on_its_way(tab):
    editor = tab.locator(EDITOR)
    editor.fill("Vi viser til din henvendelse vedrørende timebestilling.")
    wait_for_finding(tab, "byrakratisk-ord", "vedrørende")
    held = []
    tab.route("**/api/check", lambda route: held.append(route))  # no answer comes back for now
    editor.press("Home")
    editor.press_sequentially("Hei 😀 ")
    mark = mark_of(tab, "byrakratisk-ord", "vedrørende")
    expect(mark).to_have_text("vedrørende")  # moved with the text before it
    item = finding(tab, "byrakratisk-ord", "vedrørende").first
    item.locator(".finding-toggle").click()
    item.locator('[data-action="fix"]').first.click()  # the shifted range is the one the fix uses
    expect(editor).to_have_value("Hei 😀 Vi viser til din henvendelse om timebestilling.")
    tab.unroute("**/api/check")
    for route in held:
        route.abort()

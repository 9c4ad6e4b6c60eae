// The web client in a real browser: Debian's chromium, headless, driven by
// playwright-core, against a real server on the default core. One browser
// for the whole file (launching is the slow part), a few pages: play (log
// in, look, a flood of output), ANSI and links, the editor (@edit, a syntax error marked at its line, fixed,
// saved, the verb run), the console (a live task seen and killed), and a
// builder who gets neither. MOO_SCREENSHOTS=dir keeps the screenshots
// (`npm run screenshots` writes the README's into docs/images).

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "esbuild";
import { startServer, type Server } from "../world/serve.ts";
import { configWith } from "../world/scheduler-harness.ts";
import { freePort } from "../world/net-harness.ts";

const CHROMIUM = process.env["CHROMIUM"] ?? "/usr/bin/chromium";
const CLIENT = resolve(dirname(fileURLToPath(import.meta.url)), "../../client");
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install chromium; .ci/run does)`;

/**
 * The text of the scrollback, one line per output line. textContent, not
 * innerText: off-screen blocks are not rendered (content-visibility), and
 * reading 10,000 lines' layout would be slow.
 */
const scrollback = (): string =>
  Array.from(document.querySelectorAll("#output .chunk > div"), (d) => d.textContent).join("\n");
const output = (page: Page): Promise<string> => page.evaluate(scrollback);

/** Type a command as a player does: into the command line, then Enter. */
const type = async (page: Page, line: string): Promise<void> => {
  await page.locator("#input").fill(line);
  await page.locator("#input").press("Enter");
};

/** Wait until the scrollback has a line matching re after the echo of `after` (the command that caused it). */
const waitOutput = (page: Page, re: RegExp, after = ""): Promise<unknown> =>
  page.waitForFunction(([src, flags, after]) => {
    // scrollback(), repeated: the page's CSP allows no eval to pass it in.
    const text = Array.from(document.querySelectorAll("#output .chunk > div"), (d) => d.textContent).join("\n");
    const from = after ? text.lastIndexOf(`> ${after}`) : 0;
    return from >= 0 && new RegExp(src!, flags).test(text.slice(from));
  }, [re.source, re.flags, after]);

test("the web client in a browser: play, edit a verb, run the operator console", { skip }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "moo-browser-"));
  const shots = process.env["MOO_SCREENSHOTS"] ? resolve(process.env["MOO_SCREENSHOTS"]) : join(dir, "shots");
  mkdirSync(shots, { recursive: true });
  const port = await freePort();
  const server: Server = await startServer(
    configWith({ network: { telnetPort: 0, httpPort: port }, database: { backupDir: join(dir, "backups"), backupIntervalMinutes: 0 } }),
    join(dir, "world.sqlite"), () => {});
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"], headless: true });
    const context = await browser.newContext({ viewport: { width: 900, height: 540 }, colorScheme: "dark" });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const url = `http://127.0.0.1:${port}/`;

    await t.test("play: log in, look, and see the room", async () => {
      await page.goto(url);
      await page.locator("#status[data-state=open]").waitFor();
      await waitOutput(page, /Welcome to the MOO/);
      await type(page, "connect Wizard");
      await waitOutput(page, /\*\*\* Connected \*\*\*/, "connect Wizard");
      await type(page, "look");
      await waitOutput(page, /Entrance Hall\n.*high hall of pale stone/, "look");
      // The live region told a screen reader, and Up brings the command back.
      assert.match(await page.locator("#announce").innerText(), /Entrance Hall/);
      await page.locator("#input").press("ArrowUp");
      assert.equal(await page.locator("#input").inputValue(), "look");
      await page.locator("#input").fill("");
      assert.equal(await page.locator("button[data-view=editor]").isVisible(), true, "a wizard is a programmer: the editor is offered");
      await page.screenshot({ path: join(shots, "play.png") });
    });

    await t.test("play: 11,000 lines of output keep the newest 10,000, and a command still answers at once", async () => {
      const last = () => page.evaluate(() => document.querySelector("#output > .chunk:last-child > div:last-child")?.textContent ?? "");
      await type(page, ";;for j in [1..11] fork (0) for i in [1..1000] notify(player, tostr(\"flood \", j, \":\", i)); endfor endfork endfor");
      await page.waitForFunction(() => document.querySelector("#output > .chunk:last-child > div:last-child")?.textContent === "flood 11:1000");
      assert.equal(await page.locator("#output .chunk > div").count(), 10_000);
      const started = Date.now();
      await type(page, "look");
      await page.waitForFunction(() => document.querySelector("#output > .chunk:last-child > div:last-child")?.textContent === "Exits: north and east.", null, { polling: 10 });
      // About 60 ms here; laid out line by line it was 0.4 s. The bound leaves room for a slow CI machine.
      assert.ok(Date.now() - started < 1500, `look took ${Date.now() - started} ms`);
      assert.equal(await last(), "Exits: north and east.");
      assert.match(await page.locator("#announce").innerText(), /and \d+ more lines/, "a flood is summarised to a screen reader, not read out whole");
    });

    await t.test("output: ANSI colours become styled spans and URLs become links (client/ansi.ts in the browser)", async () => {
      const bundle = await build({ entryPoints: [join(CLIENT, "ansi.ts")], bundle: true, write: false, format: "iife", globalName: "ansi" });
      const blank = await context.newPage();
      await blank.addScriptTag({ content: bundle.outputFiles[0]!.text });
      const html = await blank.evaluate(() => {
        const { renderLine } = (window as unknown as { ansi: { renderLine(l: string, el: HTMLElement): string } }).ansi;
        const el = document.createElement("div");
        const text = renderLine("\x1b[1;31mred\x1b[0m and \x1b[38;5;82mgreen\x1b[39m, see https://example.com/a?b=1. <b>not bold</b>\x1b[2J", el);
        return { text, html: el.innerHTML };
      });
      await blank.close();
      assert.equal(html.text, "red and green, see https://example.com/a?b=1. <b>not bold</b>");
      assert.equal(html.html, '<span style="color: var(--ansi-1); font-weight: bold;">red</span> and <span style="color: rgb(95, 255, 0);">green</span>, ' +
        'see <a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer">https://example.com/a?b=1</a>. &lt;b&gt;not bold&lt;/b&gt;');
    });

    await t.test("editor: @edit opens a verb; a syntax error is marked at its line; fixed, saved, and the verb runs", async () => {
      await type(page, "@verb me:greet none none none");
      await waitOutput(page, /Verb greet added/, "@verb me:greet none none none");
      await type(page, "@edit me:greet");
      await page.locator("#editor:not([hidden]) .cm-content").waitFor();
      await page.locator("#verb-title", { hasText: "greet" }).waitFor();
      await page.locator(".cm-content").click();
      // Typed flat: the editor indents the block and closes brackets and quotes itself.
      for (const l of ["if (player.wizard)", 'player:tell("Hello from the editor, ", player.name, "!");', "endif", "x = 1 + ;"]) {
        await page.keyboard.type(l);
        if (!l.startsWith("x")) await page.keyboard.press("Enter");
      }
      assert.deepEqual(await page.locator(".cm-line").allInnerTexts(),
        ["if (player.wizard)", '  player:tell("Hello from the editor, ", player.name, "!");', "endif", "x = 1 + ;"]);
      await page.keyboard.press("Control+s");
      await page.locator(".editor-status", { hasText: "Not saved" }).waitFor();
      // Marked on line 4, at the column of the token the parser stopped at.
      const marked = page.locator(".cm-line", { has: page.locator(".cm-lintRange-error") });
      assert.equal(await marked.count(), 1);
      assert.equal(await marked.innerText(), "x = 1 + ;");
      assert.equal((await page.locator(".cm-line").allInnerTexts()).indexOf("x = 1 + ;"), 3);
      assert.match(await page.locator(".compile-errors").innerText(), /^Line 4, column 9: syntax error/);
      await page.screenshot({ path: join(shots, "editor.png") });

      // Fix it: replace line 4, save.
      await page.keyboard.press("Control+End");
      await page.keyboard.press("Shift+Home");
      await page.keyboard.type("return 1;");
      await page.keyboard.press("Control+s");
      await page.locator(".editor-status", { hasText: "Saved #3:greet." }).waitFor();
      assert.equal(await page.locator(".cm-lintRange-error").count(), 0);

      await page.locator("button[data-view=play]").click();
      await type(page, "greet");
      await waitOutput(page, /Hello from the editor, Wizard!/, "greet");
    });

    await t.test("console: a running task is listed with its owner and verb, and killed", async () => {
      await type(page, ";;fork t (0) while (1) suspend(0.2); endwhile endfork return t;");
      await waitOutput(page, /=> \d+/, ";;fork");
      const id = /=> (\d+)/.exec((await output(page)).split("> ;;fork").pop()!)![1]!;
      await page.locator("button[data-view=console]").click();
      const row = page.locator(`tr[data-task="${id}"]`);
      await row.waitFor();
      assert.match(await row.innerText(), /Wizard \(#3\)/);
      // The chart has a few seconds of samples to draw before the picture is taken, tall enough to show the task.
      await page.locator(".chart.ticks polyline[points*=' ']").waitFor();
      await page.setViewportSize({ width: 900, height: 760 });
      await page.waitForTimeout(1500);
      await page.screenshot({ path: join(shots, "console.png") });
      await page.setViewportSize({ width: 900, height: 540 });
      await row.getByRole("button", { name: `Kill task ${id}` }).click();
      await page.locator(".console-status", { hasText: `Killed task ${id}.` }).waitFor();
      await row.waitFor({ state: "detached" });
      await page.locator("button[data-view=play]").click();
      await type(page, "; queued_tasks()");
      await waitOutput(page, /=> \{\}/, "; queued_tasks()");
    });

    await t.test("a builder's client offers neither the editor nor the console, and hides the password typed", async () => {
      const other = await context.newPage();
      await other.goto(url);
      await other.locator("#status[data-state=open]").waitFor();
      await type(other, "create bob secret-word");
      await waitOutput(other, /\*\*\* Created \*\*\*/);
      assert.doesNotMatch(await output(other), /secret-word/);
      assert.match(await output(other), /> create bob \*\*\*\*/);
      assert.equal(await other.locator("button[data-view=editor]").isVisible(), false);
      assert.equal(await other.locator("button[data-view=console]").isVisible(), false);
      await other.close();
    });

    assert.deepEqual(errors, [], "no script errors in the page");
    for (const f of ["play.png", "editor.png", "console.png"]) assert.ok(statSync(join(shots, f)).size > 10_000, `${f} was taken`);
  } finally {
    await browser?.close();
    await server.shutdown();
  }
});

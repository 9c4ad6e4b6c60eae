// The web client's entry point: the play view (terminal and command line)
// over one connection, the switch between views, and the editor and
// console loaded on first use, for programmers and wizards.

import "./style.css";
import { Connection, type Player, type Status } from "./connection.ts";
import { Terminal } from "./terminal.ts";
import { CommandLine } from "./command-line.ts";
import { byId } from "./dom.ts";
import { OOB } from "../world/protocol.ts";
import type { EditorView } from "./editor/editor-view.ts";
import type { ConsoleView } from "./console/console-view.ts";

type ViewName = "play" | "editor" | "console";

const term = new Terminal(byId("output"), byId("announce"));
const statusEl = byId("status"), reconnect = byId<HTMLButtonElement>("reconnect");
const scheme = location.protocol === "https:" ? "wss" : "ws";
let player: Player | null = null;
let current: ViewName = "play";
let editor: Promise<EditorView> | null = null;
let consoleView: Promise<ConsoleView> | null = null;

const conn = new Connection(`${scheme}://${location.host}/ws`, {
  line: (text) => term.write(text),
  status: showStatus,
  player: (p) => {
    player = p;
    byButton("editor").hidden = !p?.programmer;
    byButton("console").hidden = !p?.wizard;
    document.title = p ? `${p.name} – MOO` : "MOO";
  },
  oob: (name, rest) => {
    if (name !== OOB.EDIT) return;
    try {
      const { obj, verb } = JSON.parse(rest) as { obj: string; verb: string | number };
      void show("editor").then(() => openEditor().then((e) => e.open(obj, verb)));
    } catch { /* a malformed request to open the editor is ignored, as unknown out-of-band lines are */ }
  },
});

const line = new CommandLine(byId<HTMLFormElement>("command"), byId<HTMLInputElement>("input"), (text, shown) => {
  if (conn.send(text)) term.write(`> ${shown}`, "echo");
  else term.write("(Not connected: the line was not sent.)", "notice");
});

function showStatus(s: Status): void {
  statusEl.dataset["state"] = s.state;
  statusEl.textContent =
    s.state === "connecting" ? "Connecting…"
    : s.state === "open" ? "Connected"
    : s.retryIn === null ? "Disconnected"
    : s.retryIn > 0 ? `Disconnected: retrying in ${s.retryIn} s` : "Disconnected: retrying…";
  reconnect.hidden = s.state !== "closed";
  reconnect.textContent = s.state === "closed" && s.retryIn === null ? "Connect again" : "Reconnect now";
}

function byButton(view: ViewName): HTMLButtonElement {
  return document.querySelector<HTMLButtonElement>(`.views button[data-view="${view}"]`)!;
}

function openEditor(): Promise<EditorView> {
  editor ??= import("./editor/editor-view.ts").then((m) => new m.EditorView(byId("editor"), conn, () => player));
  return editor;
}

function openConsole(): Promise<ConsoleView> {
  consoleView ??= import("./console/console-view.ts").then((m) => new m.ConsoleView(byId("console"), conn));
  return consoleView;
}

/** Switch views; the new one's heading takes the focus, so a screen reader says where we are. */
async function show(view: ViewName): Promise<void> {
  if (view === current) return;
  const previous = current;
  current = view;
  for (const v of ["play", "editor", "console"] as const) {
    byId(v).hidden = v !== view;
    const b = byButton(v);
    if (v === view) b.setAttribute("aria-current", "page"); else b.removeAttribute("aria-current");
  }
  if (previous === "console") void consoleView?.then((c) => c.stop());
  if (view === "play") { line.focus(); return; }
  const v = view === "editor" ? await openEditor() : await openConsole();
  if (current !== view) return;
  if (view === "console") (v as ConsoleView).start();
  v.focus();
}

for (const b of document.querySelectorAll<HTMLButtonElement>(".views button")) {
  b.addEventListener("click", () => { void show(b.dataset["view"] as ViewName); });
}
reconnect.addEventListener("click", () => conn.connect());
// Alt+1/2/3 switch views from anywhere, the command line included.
document.addEventListener("keydown", (e) => {
  if (!e.altKey || e.ctrlKey || e.metaKey) return;
  const view = ({ "1": "play", "2": "editor", "3": "console" } as const)[e.key as "1" | "2" | "3"];
  if (view && !byButton(view).hidden) { e.preventDefault(); void show(view); }
});

conn.connect();
line.focus();

// The operator console, for wizards: the server's figures and charts,
// connections, tasks (with kill), players' use of their quotas (with a form
// to change them), backup and shutdown, and the log's tail. It asks the
// server once a second while it is shown; the server checks the wizard bit
// on every request, so a refusal ends the polling with its reason.

import { C, type ConsoleStatus, type Sample, type PlayerRow, type QuotaValues } from "../../world/protocol.ts";
import { RequestError, type Connection } from "../connection.ts";
import { h, fill, objRef, fmtInt, fmtShort, fmtBytes, fmtSeconds } from "../dom.ts";
import { Chart } from "./chart.ts";

const POLL_MS = 1000;
/** The server samples once a second and keeps five minutes. */
const SPAN_MS = 5 * 60_000;
const QUOTA_FIELDS: readonly [keyof QuotaValues, string][] = [
  ["ticks_per_second", "Ticks per second"], ["burst_ticks", "Burst ticks"], ["queued_tasks", "Queued tasks"], ["task_bytes", "Task memory (bytes)"],
];

/** A table; a heading starting with "#" heads a column of numbers (right-aligned; the "#" is not shown). */
const table = (caption: string, heads: string[], rows: HTMLTableRowElement[], empty: string): HTMLElement =>
  rows.length === 0 ? h("p", { class: "muted" }, empty) : h("div", { class: "table-wrap" },
    h("table", {}, h("caption", { class: "sr-only" }, caption),
      h("thead", {}, h("tr", {}, ...heads.map((t) => h("th", { scope: "col", class: t.startsWith("#") ? "num" : "" }, t.replace(/^#/, ""))))),
      h("tbody", {}, ...rows)));

const td = (...c: (Node | string)[]) => h("td", {}, ...c);
const num = (s: string) => h("td", { class: "num" }, s);

export class ConsoleView {
  private readonly figures = h("dl", { class: "figures" });
  private readonly ticks = new Chart("Ticks per second", (x) => x.ticks, fmtInt, "ticks", true);
  private readonly memory = new Chart("Memory", (x) => x.rss, fmtBytes, "memory", false);
  private readonly connections = h("div", {});
  private readonly tasks = h("div", {});
  private readonly players = h("div", {});
  private readonly log = h("pre", { class: "log", tabindex: "0", "aria-label": "Server log" });
  private readonly status = h("p", { class: "console-status", role: "status" });
  private readonly heading = h("h2", { id: "console-title", tabindex: "-1" }, "Operator console");
  private readonly dialog: HTMLDialogElement;
  private samples: Sample[] = [];
  private last: ConsoleStatus | null = null;
  private timer: number | null = null;
  private busy = false;
  /** The player whose quota form is open, kept open across refreshes. */
  private editing: number | null = null;

  constructor(root: HTMLElement, private readonly conn: Connection) {
    const message = h("input", { id: "shutdown-message", type: "text" });
    this.dialog = h("dialog", { "aria-labelledby": "shutdown-title" },
      h("form", { method: "dialog", onsubmit: (e) => { if ((e as SubmitEvent).submitter?.getAttribute("value") === "yes") this.act(C.SHUTDOWN, { message: message.value }, "Shutting down…"); } },
        h("h3", { id: "shutdown-title" }, "Shut the server down?"),
        h("p", {}, "Everyone is disconnected; everything is committed first."),
        h("p", { class: "field" }, h("label", { for: "shutdown-message" }, "Message to players"), message),
        h("p", { class: "actions" }, h("button", { value: "no" }, "Cancel"), h("button", { value: "yes", class: "danger" }, "Shut down"))));
    fill(root,
      h("div", { class: "console-head" }, this.heading,
        h("button", { type: "button", onclick: () => this.act(C.BACKUP, {}, "Starting a backup…", "Backup started.") }, "Back up now"),
        h("button", { type: "button", class: "danger", onclick: () => this.dialog.showModal() }, "Shut down…"),
        this.status),
      h("div", { class: "console-grid" },
        h("section", { class: "card", "aria-labelledby": "c-server" }, h("h3", { id: "c-server" }, "Server"), this.figures, h("div", { class: "charts" }, this.ticks.el, this.memory.el)),
        h("section", { class: "card", "aria-labelledby": "c-conns" }, h("h3", { id: "c-conns" }, "Connections"), this.connections),
        h("section", { class: "card wide", "aria-labelledby": "c-tasks" }, h("h3", { id: "c-tasks" }, "Tasks"), this.tasks),
        h("section", { class: "card wide", "aria-labelledby": "c-players" }, h("h3", { id: "c-players" }, "Players and quotas"), this.players),
        h("section", { class: "card wide", "aria-labelledby": "c-log" }, h("h3", { id: "c-log" }, "Server log"), this.log)),
      this.dialog);
  }

  focus(): void { this.heading.focus(); }

  start(): void {
    if (this.timer !== null) return;
    void this.refresh();
    this.timer = window.setInterval(() => { if (!document.hidden) void this.refresh(); }, POLL_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** `force`: redraw the tables even under the pointer or focus (after an action, whose effect should show). */
  private async refresh(force = false): Promise<void> {
    if (this.busy && !force) return;
    this.busy = true;
    try {
      const since = this.samples[this.samples.length - 1]?.t ?? 0;
      const s = await this.conn.request(C.CONSOLE_STATUS, { since });
      this.samples = [...this.samples, ...s.samples].filter((x) => x.t > s.now - SPAN_MS);
      this.last = s;
      this.render(s, force);
    } catch (e) {
      this.say(e instanceof RequestError ? `${e.code}: ${e.message}` : String(e), true);
      if (e instanceof RequestError && e.code === "E_PERM") this.stop();
    } finally {
      this.busy = false;
    }
  }

  private act<K extends typeof C.BACKUP | typeof C.SHUTDOWN | typeof C.TASK_KILL | typeof C.QUOTA_SET>(
    code: K, body: Parameters<Connection["request"]>[1] & object, doing: string, done = "Done.",
  ): void {
    this.say(doing);
    this.conn.request(code, body as never)
      .then(() => {
        this.say(done);
        return this.refresh(true).then(() => {
          // The button pressed may be gone with its row: keep the keyboard in the console.
          if (!document.activeElement || document.activeElement === document.body) this.heading.focus();
        });
      })
      .catch((e: unknown) => this.say(e instanceof RequestError ? `${e.code}: ${e.message}` : String(e), true));
  }

  private say(text: string, isError = false): void {
    this.status.textContent = text;
    this.status.classList.toggle("error", isError);
  }

  /**
   * A table the pointer is over or the focus is in is left as it is until
   * the next refresh: redrawing it would swallow a click or lose the focus.
   */
  private still(el: HTMLElement, force: boolean): boolean {
    return !force && (el.matches(":hover") || el.contains(document.activeElement));
  }

  private render(s: ConsoleStatus, force = false): void {
    const last = this.samples[this.samples.length - 1];
    const sv = s.server;
    const fig = (k: string, v: string) => h("div", {}, h("dt", {}, k), h("dd", {}, v));
    fill(this.figures,
      fig("Ticks/s", fmtInt(last?.ticks ?? 0)), fig("Tasks/s", fmtInt(last?.tasks ?? 0)), fig("Commits/s", fmtInt(last?.commits ?? 0)),
      fig("Memory", fmtBytes(last?.rss ?? 0)), fig("JS heap", fmtBytes(sv.heapUsed)), fig("Database", fmtBytes(sv.dbBytes)),
      fig("Objects", fmtInt(sv.objects)), fig("Up", fmtSeconds(Math.floor((s.now - sv.startedAt) / 1000))),
      fig("Last backup", sv.lastBackup ? new Date(sv.lastBackup.at).toLocaleTimeString() : "none yet"));
    this.ticks.draw(this.samples);
    this.memory.draw(this.samples);

    if (!this.still(this.connections, force)) fill(this.connections, table("Connections", ["Player", "Address", "#Idle", "#Connected"], s.connections.map((c) =>
      h("tr", {}, td(c.player < 0 ? `(login) ${objRef(c.player)}` : `${c.name} (${objRef(c.player)})`), td(c.address),
        num(fmtSeconds(c.idleSeconds)), num(fmtSeconds(c.connectedSeconds)))), "Nobody is connected."));

    const shown = s.tasks.rows.length;
    if (!this.still(this.tasks, force)) fill(this.tasks,
      h("p", { class: "muted" }, `${fmtInt(s.tasks.total)} ${s.tasks.total === 1 ? "task" : "tasks"}${shown < s.tasks.total ? `, the first ${shown} shown` : ""}.`),
      table("Tasks", ["#Task", "State", "Owner", "Verb", "#Line", "#Ticks", "#Memory", ""], s.tasks.rows.map((t) =>
        h("tr", { "data-task": t.id }, num(String(t.id)),
          td(t.state === "sleeping" && t.wakeAt ? `sleeping ${Math.max(0, Math.round((t.wakeAt - s.now) / 1000))}s` : t.state),
          td(`${t.ownerName} (${objRef(t.owner)})`), td(h("code", {}, t.verb)), num(String(t.line)), num(fmtInt(t.ticks)), num(fmtBytes(t.bytes)),
          td(t.state === "running" ? "" : h("button", {
            type: "button", class: "small danger", "aria-label": `Kill task ${t.id}`,
            onclick: () => this.act(C.TASK_KILL, { task: t.id }, `Killing task ${t.id}…`, `Killed task ${t.id}.`),
          }, "Kill")))), "No tasks are queued."));

    // An open quota form is not redrawn under the wizard's typing.
    if (this.editing === null && !this.still(this.players, force)) this.renderPlayers(s);
    const atEnd = this.log.scrollTop + this.log.clientHeight >= this.log.scrollHeight - 8;
    this.log.textContent = s.log.join("\n");
    if (atEnd) this.log.scrollTop = this.log.scrollHeight;
  }

  private renderPlayers(s: ConsoleStatus): void {
    fill(this.players, table("Players", ["Player", "#Ticks/s", "Bucket", "Queued tasks", "Task memory", ""], s.players.flatMap((p) => this.playerRows(p)), "No players to show."));
  }

  /** Open or close a player's quota form. */
  private toggleQuota(player: number | null): void {
    this.editing = player;
    if (this.last) this.renderPlayers(this.last);
    const first = player === null ? null : this.players.querySelector<HTMLInputElement>(".quota-form input");
    first?.focus();
  }

  private playerRows(p: PlayerRow): HTMLTableRowElement[] {
    const q = p.quota;
    const meter = (used: number, max: number, label: string) =>
      h("td", {}, h("meter", { min: 0, max: Math.max(1, max), value: Math.max(0, used), "aria-label": label }), ` ${label}`);
    const row = h("tr", {},
      td(`${p.name} (${objRef(p.player)})`, p.overridden ? h("span", { class: "badge" }, "custom") : ""),
      num(fmtInt(p.tickRate)),
      meter(p.tokens, q.burst_ticks, `${fmtShort(p.tokens)} / ${fmtShort(q.burst_ticks)}`),
      meter(p.queued, q.queued_tasks, `${p.queued} / ${fmtShort(q.queued_tasks)}`),
      meter(p.bytes, q.task_bytes, `${fmtBytes(p.bytes)} / ${fmtBytes(q.task_bytes)}`),
      td(h("button", { type: "button", class: "small", "aria-expanded": String(this.editing === p.player),
        onclick: () => this.toggleQuota(this.editing === p.player ? null : p.player) }, "Change")));
    return this.editing === p.player ? [row, this.quotaForm(p)] : [row];
  }

  private quotaForm(p: PlayerRow): HTMLTableRowElement {
    const inputs = QUOTA_FIELDS.map(([k, label]) => {
      const id = `quota-${p.player}-${k}`;
      const input = h("input", { id, type: "number", min: k === "queued_tasks" ? 0 : 1, value: p.quota[k], required: true });
      return { k, el: h("p", { class: "field" }, h("label", { for: id }, label), input), input };
    });
    const form = h("form", {
      class: "quota-form",
      onsubmit: (e) => {
        e.preventDefault();
        const quota: Record<string, number> = {};
        for (const { k, input } of inputs) quota[k] = Number(input.value);
        this.toggleQuota(null);
        this.act(C.QUOTA_SET, { player: p.player, quota }, "Saving the quota…", `Saved ${p.name}'s quota.`);
      },
    }, ...inputs.map((i) => i.el),
    h("p", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Save quota"),
      h("button", { type: "button", onclick: () => { this.toggleQuota(null); this.act(C.QUOTA_SET, { player: p.player, quota: {} }, "Restoring defaults…", `${p.name} has the default quota again.`); } }, "Use the defaults")));
    return h("tr", { class: "quota-row" }, h("td", { colspan: 6 }, form));
  }
}

// The verb editor: loads a verb's code and info over the connection, edits
// the code in CodeMirror with MOO highlighting, brackets and indentation,
// and saves it; the server compiles it with set_verb_code, and compile
// errors come back with line and column, marked in the editor and listed
// below it. Names, permissions and arguments are edited in a form beside.
// Everything is asked of the server with the player's rights: this view
// shows what the server answers, refusals included.

import { EditorView as CodeView, basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { indentUnit } from "@codemirror/language";
import { setDiagnostics, lintGutter, type Diagnostic } from "@codemirror/lint";
import { C, type VerbData, type CompileError, type VerbDesc } from "../../world/protocol.ts";
import { RequestError, type Connection, type Player } from "../connection.ts";
import { h, fill, objRef } from "../dom.ts";
import { moo } from "./moo-language.ts";
import { ObjectBrowser } from "./object-browser.ts";

/** LambdaMOO's prepositions, as verb_args() names them. */
const PREPS = [
  "none", "any", "with/using", "at/to", "in front of", "in/inside/into", "on top of/on/onto/upon", "out of/from inside/from",
  "over", "through", "under/underneath/beneath", "behind", "beside", "for/about", "is", "as", "off/off of",
];
const SPECS = ["none", "any", "this"];
const PERM_BITS: readonly [string, string][] = [["r", "read"], ["w", "write"], ["x", "execute"], ["d", "debug (errors raise)"]];

const select = (id: string, options: string[]): HTMLSelectElement =>
  h("select", { id }, ...options.map((o) => h("option", { value: o }, o)));

export class EditorView {
  private readonly code: CodeView;
  private readonly title: HTMLElement;
  private readonly owner: HTMLElement;
  private readonly status: HTMLElement;
  private readonly errors: HTMLElement;
  private readonly verbInput: HTMLInputElement;
  private readonly names: HTMLInputElement;
  private readonly perms: HTMLInputElement[];
  private readonly dobj = select("verb-dobj", SPECS);
  private readonly prep = select("verb-prep", PREPS);
  private readonly iobj = select("verb-iobj", SPECS);
  private readonly saveButton: HTMLButtonElement;
  private readonly browser: ObjectBrowser;
  private verb: VerbData | null = null;
  /** How the server is asked for the open verb: its index when known, else its name. */
  private desc: VerbDesc = "";
  private dirty = false;
  /** Set while the editor's text is replaced by a load, which is not an edit. */
  private loading = false;

  constructor(root: HTMLElement, private readonly conn: Connection, private readonly player: () => Player | null) {
    this.verbInput = h("input", { id: "open-verb", type: "text", placeholder: "#12:look, me:greet, $room:say", autocomplete: "off", spellcheck: "false" });
    this.title = h("h3", { id: "verb-title", tabindex: "-1" }, "No verb open");
    this.owner = h("p", { class: "muted" }, "Open a verb by name, or choose one in the object browser.");
    this.status = h("p", { class: "editor-status", role: "status" });
    this.errors = h("ul", { class: "compile-errors", "aria-label": "Compile errors" });
    this.names = h("input", { id: "verb-names", type: "text", spellcheck: "false" });
    this.perms = PERM_BITS.map(([bit]) => h("input", { id: `verb-perm-${bit}`, type: "checkbox", value: bit }));
    this.saveButton = h("button", { type: "button", class: "primary", disabled: true, onclick: () => { void this.save(); } }, "Save code");
    this.browser = new ObjectBrowser(conn, (obj, verb) => { void this.open(obj, verb); });
    this.code = new CodeView({
      state: EditorState.create({
        doc: "",
        extensions: [
          basicSetup, moo(), indentUnit.of("  "), lintGutter(),
          keymap.of([{ key: "Mod-s", preventDefault: true, run: () => { void this.save(); return true; } }]),
          CodeView.contentAttributes.of({ "aria-label": "Verb code", "aria-describedby": "verb-title" }),
          CodeView.updateListener.of((u) => { if (u.docChanged && !this.loading) this.changed(); }),
        ],
      }),
    });
    const info = h("form", { class: "verb-info", onsubmit: (e) => { e.preventDefault(); void this.saveInfo(); } },
      h("p", { class: "field" }, h("label", { for: "verb-names" }, "Names"), this.names),
      h("fieldset", {}, h("legend", {}, "Permissions"),
        ...PERM_BITS.map(([bit, what], i) => h("span", { class: "check" }, this.perms[i]!, h("label", { for: `verb-perm-${bit}` }, `${bit} `, h("span", { class: "muted" }, what))))),
      h("fieldset", { class: "args" }, h("legend", {}, "Arguments"),
        h("label", { for: "verb-dobj" }, "direct object"), this.dobj,
        h("label", { for: "verb-prep" }, "preposition"), this.prep,
        h("label", { for: "verb-iobj" }, "indirect object"), this.iobj),
      h("button", { type: "submit" }, "Save names, permissions and arguments"));
    fill(root,
      h("h2", { id: "editor-title", class: "sr-only" }, "Verb editor"),
      h("form", { class: "inline-form open-form", onsubmit: (e) => { e.preventDefault(); this.openTyped(); } },
        h("label", { for: "open-verb" }, "Verb"), this.verbInput, h("button", { type: "submit" }, "Open")),
      h("div", { class: "editor-body" },
        h("div", { class: "verb-pane" },
          this.title, this.owner,
          h("div", { class: "code-host" }, this.code.dom),
          h("div", { class: "editor-actions" }, this.saveButton, h("span", { class: "muted hint" }, "Ctrl+S saves · Tab moves on, Ctrl+] indents"), this.status),
          this.errors,
          h("details", { class: "info-details" }, h("summary", {}, "Names, permissions and arguments"), info)),
        this.browser.el));
  }

  focus(): void {
    if (this.verb) this.code.focus(); else this.verbInput.focus();
  }

  /** Open obj:verb (from @edit, the browser, or the Verb field). */
  async open(obj: string, verb: VerbDesc): Promise<void> {
    if (this.dirty && this.verb && !confirm(`Discard the unsaved changes to ${this.label(this.verb)}?`)) return;
    this.say(`Loading ${obj}:${verb}…`);
    try {
      const v = await this.conn.request(C.VERB_LOAD, { obj, verb });
      this.show(v, v.index || verb, true);
      this.say(`Opened ${this.label(v)}.`);
      if (this.browser.shown !== v.obj) void this.browser.browse(objRef(v.obj));
      this.code.focus();
    } catch (e) {
      this.fail(e);
    }
  }

  private openTyped(): void {
    const m = /^\s*([^:\s]+)\s*:\s*(.+?)\s*$/.exec(this.verbInput.value);
    if (!m) { this.say("Type object:verb, as in #12:look or me:greet.", true); return; }
    void this.open(m[1]!, /^\d+$/.test(m[2]!) ? Number(m[2]) : m[2]!);
  }

  private label(v: VerbData): string { return `${objRef(v.obj)}:${v.names.split(" ")[0]}`; }

  /** Show a loaded verb; its code replaces the editor's only when asked (saving info keeps unsaved code). */
  private show(v: VerbData, desc: VerbDesc, withCode: boolean): void {
    this.verb = v;
    this.desc = desc;
    this.title.textContent = `${v.objName} (${objRef(v.obj)}):${v.names}`;
    this.owner.textContent = `Owner ${v.ownerName} (${objRef(v.owner)}) · ${v.perms || "no permissions"} · ${v.args.join(" ")}`;
    this.verbInput.value = `${objRef(v.obj)}:${v.names.split(" ")[0]}`;
    this.names.value = v.names;
    for (const p of this.perms) p.checked = v.perms.includes(p.value);
    this.dobj.value = v.args[0];
    this.prep.value = PREPS.includes(v.args[1]) ? v.args[1] : "none";
    this.iobj.value = v.args[2];
    this.saveButton.disabled = false;
    if (!withCode) return;
    this.loading = true;
    this.code.dispatch({ changes: { from: 0, to: this.code.state.doc.length, insert: v.code.join("\n") } });
    this.loading = false;
    this.mark([]);
    this.dirty = false;
  }

  private changed(): void {
    if (this.dirty || !this.verb) return;
    this.dirty = true;
    this.say("Unsaved changes.");
  }

  async save(): Promise<void> {
    const v = this.verb;
    if (!v) return;
    if (!this.player()?.programmer) { this.say("Only programmers may save verbs.", true); return; }
    this.say("Saving…");
    const code = this.code.state.doc.toString().split("\n");
    try {
      const r = await this.conn.request(C.VERB_SAVE, { obj: objRef(v.obj), verb: this.desc, code });
      this.mark(r.errors);
      if (r.errors.length === 0) {
        this.dirty = false;
        this.say(`Saved ${this.label(v)}.`);
      } else {
        const first = r.errors[0]!;
        this.say(`Not saved: ${r.errors.length === 1 ? "1 compile error" : `${r.errors.length} compile errors`}, first at line ${first.line}, column ${first.col}.`, true);
      }
    } catch (e) {
      this.fail(e);
    }
  }

  private async saveInfo(): Promise<void> {
    const v = this.verb;
    if (!v) return;
    const perms = this.perms.filter((p) => p.checked).map((p) => p.value).join("");
    try {
      const r = await this.conn.request(C.VERB_SET_INFO, {
        obj: objRef(v.obj), verb: this.desc, names: this.names.value.trim(), perms, args: [this.dobj.value, this.prep.value, this.iobj.value],
      });
      this.show(r, r.index || r.names.split(" ")[0]!, false);
      this.say(`Saved the names, permissions and arguments of ${this.label(r)}.`);
      void this.browser.browse(objRef(r.obj));
    } catch (e) {
      this.fail(e);
    }
  }

  /** Compile errors: marked in the code at their line and column, and listed as links to those places. */
  private mark(errors: readonly CompileError[]): void {
    const doc = this.code.state.doc;
    const place = (e: CompileError): number => {
      const line = doc.line(Math.min(Math.max(1, e.line), doc.lines));
      return Math.min(line.from + Math.max(0, e.col - 1), line.to);
    };
    const diagnostics: Diagnostic[] = errors.map((e) => {
      const from = place(e);
      const end = doc.lineAt(from).to;
      return { from, to: Math.min(end, from + 1), severity: "error", message: e.message };
    });
    this.code.dispatch(setDiagnostics(this.code.state, diagnostics));
    fill(this.errors, ...errors.map((e) => h("li", {},
      h("button", {
        type: "button", class: "link",
        onclick: () => { const at = place(e); this.code.dispatch({ selection: { anchor: at }, scrollIntoView: true }); this.code.focus(); },
      }, `Line ${e.line}, column ${e.col}`), `: ${e.message}`)));
  }

  private say(text: string, isError = false): void {
    this.status.textContent = text;
    this.status.classList.toggle("error", isError);
  }

  private fail(e: unknown): void {
    this.say(e instanceof RequestError ? `${e.code}: ${e.message}` : `Failed: ${String(e)}`, true);
  }
}

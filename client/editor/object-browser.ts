// The editor's object browser: an object's verbs and properties with those
// of its ancestors, inherited ones marked with where they come from, as
// the server lists them with the player's rights (OBJECT_LOAD). Choosing a
// verb opens it in the editor.

import { C, type ObjectData, type VerbEntry, type PropEntry } from "../../world/protocol.ts";
import type { Connection } from "../connection.ts";
import { RequestError } from "../connection.ts";
import { h, fill, objRef } from "../dom.ts";

export class ObjectBrowser {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly inherited: HTMLInputElement;
  private data: ObjectData | null = null;

  constructor(private readonly conn: Connection, private readonly openVerb: (obj: string, verb: string | number) => void) {
    this.input = h("input", { id: "browse-object", type: "text", placeholder: "#12, me, here, $room", autocomplete: "off", spellcheck: "false" });
    this.inherited = h("input", { id: "browse-inherited", type: "checkbox", checked: true, onchange: () => this.render() });
    this.body = h("div", { class: "browser-body" });
    this.el = h("aside", { class: "browser", "aria-labelledby": "browser-title" },
      h("h3", { id: "browser-title" }, "Object browser"),
      h("form", { class: "inline-form", onsubmit: (e) => { e.preventDefault(); void this.browse(this.input.value.trim()); } },
        h("label", { for: "browse-object" }, "Object"), this.input, h("button", { type: "submit" }, "Browse")),
      h("p", { class: "check" }, this.inherited, h("label", { for: "browse-inherited" }, "Show inherited")),
      this.body);
  }

  get shown(): number | null { return this.data?.obj ?? null; }

  async browse(ref: string): Promise<void> {
    if (ref === "") return;
    this.input.value = ref;
    fill(this.body, h("p", { class: "muted" }, "Loading…"));
    try {
      this.data = await this.conn.request(C.OBJECT_LOAD, { obj: ref });
      this.render();
    } catch (e) {
      this.data = null;
      fill(this.body, h("p", { class: "error", role: "alert" }, e instanceof RequestError ? `${e.code}: ${e.message}` : String(e)));
    }
  }

  private render(): void {
    const d = this.data;
    if (!d) return;
    const all = this.inherited.checked;
    const names = new Map(d.chain.map((c) => [c.obj, c.name]));
    const from = (definer: number) => definer === d.obj ? null : h("span", { class: "from" }, ` from ${names.get(definer) ?? "?"} (${objRef(definer)})`);
    const verbs = d.verbs.filter((v) => all || v.definer === d.obj);
    const props = d.props.filter((p) => all || p.definer === d.obj);
    const hidden = d.chain.filter((c) => !c.readable);
    fill(this.body,
      h("p", { class: "object-title" }, h("strong", {}, d.name), ` (${objRef(d.obj)}), owner ${objRef(d.owner)}`),
      d.chain.length > 1 ? h("p", { class: "muted" }, "Parents: ", d.chain.slice(1).map((c) => `${c.name} (${objRef(c.obj)})`).join(" → ")) : null,
      hidden.length ? h("p", { class: "muted" }, `Not readable: ${hidden.map((c) => objRef(c.obj)).join(", ")}`) : null,
      h("h4", {}, `Verbs (${verbs.length})`),
      verbs.length ? h("ul", { class: "entries" }, ...verbs.map((v) => this.verbItem(v, from(v.definer)))) : h("p", { class: "muted" }, "None."),
      h("h4", {}, `Properties (${props.length})`),
      props.length ? h("ul", { class: "entries" }, ...props.map((p) => this.propItem(p, from(p.definer)))) : h("p", { class: "muted" }, "None."));
  }

  private verbItem(v: VerbEntry, from: HTMLElement | null): HTMLElement {
    const spec = v.args ? ` ${v.args.join(" ")}` : "";
    return h("li", { class: from ? "inherited" : "" },
      h("button", { type: "button", class: "link", onclick: () => this.openVerb(objRef(v.definer), v.index) }, v.names),
      h("span", { class: "muted" }, `${spec}${v.perms ? ` ${v.perms}` : ""}`), from);
  }

  private propItem(p: PropEntry, from: HTMLElement | null): HTMLElement {
    return h("li", { class: from ? "inherited" : "" },
      h("span", { class: "prop-name" }, p.name), " ",
      p.value === null ? h("span", { class: "muted" }, "(not readable)") : h("code", {}, p.value),
      h("span", { class: "muted" }, p.perms ? ` ${p.perms}` : ""), from);
  }
}

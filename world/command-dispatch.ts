// What happens to a line typed on a connection, as LambdaMOO's tasks.c
// takes it: out-of-band lines, login, the intrinsic commands, $do_command,
// then the parsed command's verb. The scheduler runs the tasks this starts;
// this file decides which tasks those are, and in which order.

import { type Value, type Box, mkObj, isTrue } from "../verbs/value.ts";
import { MooError } from "../verbs/errors.ts";
import type { Frame } from "../verbs/task.ts";
import { commandVars } from "../verbs/host.ts";
import type { World } from "../objects/world.ts";
import type { WorldHost } from "../objects/world-host.ts";
import type { SchedTask, Then } from "./sched-task.ts";
import { planCommand, doCommandFrame, commandWorld, NOT_UNDERSTOOD } from "./commands.ts";
import type { CommandWorld } from "./command-match.ts";
import type { Intrinsics } from "./intrinsics.ts";
import { splitWords } from "./command-words.ts";

/** LambdaMOO's OUT_OF_BAND_PREFIX and OUT_OF_BAND_QUOTE_PREFIX. */
const OOB_PREFIX = "#$#", OOB_QUOTE = "#$\"";

/** What dispatch needs of the scheduler: making tasks and running them next. */
export interface TaskStarter {
  newId(): number;
  newTask(id: number, frames: Frame[], charged: number, foreground: boolean): SchedTask;
  /** Run t before anything queued (the rest of a server chain). */
  runNext(t: SchedTask): void;
  /** Call `then` when t ends or suspends. */
  chain(t: SchedTask, then: Then): void;
  verbFrame(obj: number, verb: string, args: Value[], player: number, cmd?: Box): Frame | null;
  notify(player: number, text: string): boolean;
}

/** The connection layer's hook: a login line was answered (value undefined when the verb failed or suspended). */
export type LoggedIn = (conn: number, value: Value | undefined, maxObjectBefore: number) => void;

/** What dispatch asks of a connection: whether `#$#` lines are out-of-band, and whose hooks it calls. */
export type ConnectionView = (conn: number) => { readonly oob: boolean; readonly handler: number };

export class CommandDispatch {
  /** The id of the task each connection's last input line started (read() without arguments). */
  private readonly lastInput = new Map<number, number>();
  private readonly cw: CommandWorld;

  constructor(
    private readonly world: World,
    private readonly host: WorldHost,
    private readonly intrinsics: Intrinsics,
    private readonly tasks: TaskStarter,
    private readonly loggedIn?: LoggedIn,
    private readonly view: ConnectionView = () => ({ oob: true, handler: 0 }),
  ) {
    this.cw = commandWorld(host);
  }

  lastInputTaskOf(conn: number): number { return this.lastInput.get(conn) ?? 0; }
  forget(conn: number): void { this.lastInput.delete(conn); }

  /**
   * A line typed on `conn`: out-of-band lines (`#$#`) go to
   * #0:do_out_of_band_command, `#$"` quotes a line that would otherwise be
   * one; then login (unlogged connections have negative numbers) or command.
   */
  typed(conn: number, line: string): void {
    const { oob, handler } = this.view(conn);
    // With disable-oob set, both kinds of line are ordinary input, quote and all (LambdaMOO).
    if (!oob) { /* in-band as typed */ } else if (line.startsWith(OOB_QUOTE)) line = line.slice(OOB_QUOTE.length);
    else if (line.startsWith(OOB_PREFIX)) {
      const frame = this.tasks.verbFrame(handler, "do_out_of_band_command", splitWords(line), conn, noCommand(line));
      if (frame) this.tasks.runNext(this.tasks.newTask(this.tasks.newId(), [frame], conn, true));
      return;
    }
    if (conn < 0) this.login(conn, line, handler);
    else this.command(conn, line);
  }

  /**
   * LambdaMOO's do_login_task: do_login_command(@words) on the connection's
   * listener object (#0 unless listen() named another), with the
   * connection's negative number as `player`; its answer goes to the connection layer.
   */
  private login(conn: number, line: string, handler: number): void {
    const id = this.tasks.newId();
    this.lastInput.set(conn, id);
    const before = this.world.maxObject;
    const frame = this.tasks.verbFrame(handler, "do_login_command", splitWords(line), conn, noCommand(line));
    if (!frame) { this.loggedIn?.(conn, undefined, before); return; }
    const t = this.tasks.newTask(id, [frame], conn, true);
    this.tasks.chain(t, (v, suspended) => { this.loggedIn?.(conn, suspended ? undefined : v, before); });
    this.tasks.runNext(t);
  }

  /** LambdaMOO's do_command_task: offer the line to #0:do_command, else parse it and run the verb. */
  private command(player: number, line: string): void {
    if (this.intrinsics.handle(player, line)) return;
    const id = this.tasks.newId();
    this.lastInput.set(player, id);
    const prefix = this.intrinsics.prefixOf(player);
    if (prefix !== undefined) this.tasks.notify(player, prefix);
    const offer = doCommandFrame(this.host, player, line);
    if (!offer) return this.parsed(id, player, line);
    const t = this.tasks.newTask(id, [offer], player, true);
    // Same task id for the parsed command: LambdaMOO runs both as one task.
    this.tasks.chain(t, (v, suspended) => {
      if (!suspended && v !== undefined && !isTrue(v)) this.parsed(id, player, line);
      else this.suffix(player);
    });
    this.tasks.runNext(t);
  }

  private parsed(id: number, player: number, line: string): void {
    let plan;
    try {
      plan = planCommand(this.host, player, line, this.cw);
    } catch (e) {
      if (!(e instanceof MooError)) throw e;
      this.tasks.notify(player, `*** ${e.message || "That verb cannot run"} ***`);
      return this.suffix(player);
    }
    if (plan.kind === "empty") return this.suffix(player);
    if (plan.kind === "unknown") { this.tasks.notify(player, NOT_UNDERSTOOD); return this.suffix(player); }
    const t = this.tasks.newTask(id, [plan.frame], player, true);
    if (this.intrinsics.suffixOf(player) !== undefined) this.tasks.chain(t, () => this.suffix(player));
    this.tasks.runNext(t);
  }

  /** SUFFIX: printed when a command's task ends or suspends. */
  private suffix(player: number): void {
    const s = this.intrinsics.suffixOf(player);
    if (s !== undefined) this.tasks.notify(player, s);
  }
}

/** The command variables of a line that is not a parsed command (login, out-of-band). */
const noCommand = (line: string): Box => commandVars(line, mkObj(-1), "", "", mkObj(-1), "");

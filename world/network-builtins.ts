// The builtins over the server's listening points and outbound connections,
// with LambdaMOO's permission checks and errors: listen, unlisten,
// listeners, open_network_connection. Binding and connecting take the
// network a moment, so the calling task waits for them (as a suspended
// task) and gets the answer, or the error raised, where it called.

import { type Value, T, E, mkObj, mkList, isTrue } from "../verbs/value.ts";
import { type BuiltinSpec, type BuiltinCtx, ANY, Request } from "../verbs/builtin-spec.ts";
import { MooError } from "../verbs/errors.ts";
import type { Scheduler } from "./scheduler.ts";
import type { SchedTask } from "./sched-task.ts";

const fail = (code: number, message?: string): never => { throw new MooError(code, message); };

export const networkBuiltins = (s: Scheduler): BuiltinSpec[] => {
  /** Suspend the calling task until `work` settles: its value is returned there, its MooError raised there. */
  const await_ = (ctx: BuiltinCtx, work: Promise<Value>): Request => {
    const t = ctx.task as SchedTask;
    const answer = (v: Value) => { if (t.state === "suspended") s.queue.wake(t, v); };
    work.then(answer, (e: unknown) => answer(e instanceof MooError ? e.codeValue : new MooError(E.E_INVARG).codeValue));
    return new Request({ kind: "suspend", seconds: null });
  };

  /** A TCP point: LambdaMOO's canonical form is the port number. */
  const portArg = (v: Value): number => {
    if (typeof v !== "number") return fail(E.E_TYPE);
    if (!Number.isInteger(v) || v < 0 || v > 65535) return fail(E.E_INVARG);
    return v;
  };

  /** listen(obj, point [, print-messages]): E_INVARG for an invalid object or a point already listened on; E_QUOTA when it cannot bind. */
  const listen = (args: Value[], ctx: BuiltinCtx): Value | Request => {
    const obj = (args[0] as { n: number }).n;
    if (!s.world.valid(obj)) return fail(E.E_INVARG);
    const port = portArg(args[1]!);
    const net = s.network;
    if (!net) return fail(E.E_QUOTA, "This server has no network");
    if (port !== 0 && net.listeners.some((l) => l.port === port)) return fail(E.E_INVARG);
    return await_(ctx, net.listen(obj, port, args.length > 2 && isTrue(args[2]!)));
  };

  /** unlisten(point): stops accepting there; its connections stay. */
  const unlisten = (args: Value[]): Value => {
    const port = portArg(args[0]!);
    if (!s.network?.unlisten(port)) return fail(E.E_INVARG);
    return 0;
  };

  /** listeners(): {object, point, print-messages} for each point the server listens on. */
  const listeners = (): Value =>
    mkList((s.network?.listeners ?? []).map((l) => mkList([mkObj(l.object), l.port, l.printMessages ? 1 : 0])));

  /**
   * open_network_connection(host, port [, listener]): refused (E_PERM)
   * unless config network.outbound_hosts names the host; the new
   * connection is unlogged, its lines going to the listener object's
   * do_login_command (#0 by default).
   */
  const open_network_connection = (args: Value[], ctx: BuiltinCtx): Value | Request => {
    if (args.length < 2 || args.length > 3) return fail(E.E_ARGS);
    const [host, port, listener] = args;
    if (typeof host !== "string" || typeof port !== "number") return fail(E.E_TYPE);
    const object = listener === undefined ? 0 : typeof listener === "object" && listener.tag === T.OBJ ? listener.n : fail(E.E_TYPE);
    const net = s.network;
    if (!net?.mayConnect(host)) return fail(E.E_PERM);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return fail(E.E_INVARG);
    return await_(ctx, net.connect(host, port, object).then(mkObj));
  };

  return [
    { name: "listen", min: 2, max: 3, types: [T.OBJ, ANY, ANY], perm: "wizard", fn: listen },
    { name: "unlisten", min: 1, max: 1, types: [ANY], perm: "wizard", fn: unlisten },
    { name: "listeners", min: 0, max: 0, types: [], perm: "anyone", fn: listeners },
    { name: "open_network_connection", min: 0, max: -1, types: [], perm: "wizard", fn: open_network_connection },
  ];
};

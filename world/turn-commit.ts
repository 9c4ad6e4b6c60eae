// The end of a scheduler turn: what its tasks changed (world, queued tasks,
// counters) is written in one transaction, and only then does the output
// they produced go out, so nobody is ever told of a change a crash could undo.

import type { World } from "../objects/world.ts";
import type { TaskQueue } from "./task-queue.ts";
import { storeTask } from "./task-store.ts";
import { Writer } from "../verbs/codec.ts";
import type { StoredTask } from "../objects/model.ts";

/** Where committed output goes: the network layer's side of Connections. */
export interface OutputSink {
  notify(player: number, text: string): void;
  /** After a commit's output went out (lines queued under a connection's old number may be dropped now). */
  afterFlush?(): void;
}

export class TurnCommit {
  /** A task ended since the last commit (the world may have changed without any task waiting). */
  dirty = false;
  /** Lines notify()ed since the last commit, player and text by turns. */
  private readonly pending: (number | string)[] = [];
  /** max_object as last committed. */
  private savedMaxObject: number;
  /** Reused for every task a commit stores. */
  private readonly scratch = new Writer();

  constructor(private readonly world: World, private readonly queue: TaskQueue, private readonly sink: OutputSink) {
    this.savedMaxObject = world.maxObject;
  }

  output(player: number, text: string): void { this.pending.push(player, text); }
  get hasOutput(): boolean { return this.pending.length > 0; }

  /** Write the turn, then send its output. `nextId` is the scheduler's next task id. */
  commit(nextId: number): void {
    const changed = this.queue.changed;
    if (this.dirty || changed.size > 0 || this.queue.quotasChanged) {
      this.dirty = false;
      if (this.world.store.keepsTasks) this.world.commit(this.taskChanges(nextId));
      else this.world.commit();
      changed.clear();
    }
    const out = this.pending;
    for (let i = 0; i < out.length; i += 2) this.sink.notify(out[i] as number, out[i + 1] as string);
    out.length = 0;
    this.sink.afterFlush?.();
  }

  private taskChanges(nextId: number) {
    const saveTasks: StoredTask[] = [], dropTasks: number[] = [];
    for (const t of this.queue.changed) {
      if (t.state === "done") { if (t.stored) dropTasks.push(t.id); continue; }
      if (t.state === "running") continue; // mid-run: its last stored continuation stands
      saveTasks.push(storeTask(t, this.queue.readingConn(t), this.scratch));
      t.stored = true;
    }
    // Counters are written when they matter: max_object when it moved, the next task id
    // with stored tasks (so ids stay unique across restarts); a quiet command writes nothing.
    const meta = new Map<string, string>();
    if (this.world.maxObject !== this.savedMaxObject) meta.set("max_object", String(this.savedMaxObject = this.world.maxObject));
    if (saveTasks.length > 0) meta.set("next_task_id", String(nextId));
    if (this.queue.quotasChanged) { meta.set("quota_overrides", this.queue.quotaOverrides); this.queue.quotasChanged = false; }
    return saveTasks.length > 0 || dropTasks.length > 0 || meta.size > 0 ? { saveTasks, dropTasks, meta } : undefined;
  }
}

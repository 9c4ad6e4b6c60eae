// The world a fresh database starts with until the default core exists:
// LambdaMOO's Minimal.db, built in code. #0 the system object, #1 the root
// class, #2 the first room, #3 the wizard, who is whoever connects.

import type { World } from "../objects/world.ts";
import { FLAG, VF, newVerbDef } from "../objects/model.ts";

export const minimalCore = (world: World): World => {
  const sys = world.create(-1, 3, 0);
  sys.name = "System Object";
  sys.flags = FLAG.READ;
  sys.verbs.push(newVerbDef("do_login_command", 3, VF.READ | VF.EXEC | VF.DEBUG, "this", -1, "this", "return #3;"));
  const root = world.create(-1, 3, 1);
  root.name = "Root Class";
  root.flags = FLAG.READ;
  const room = world.create(1, 3, 2);
  room.name = "The First Room";
  room.verbs.push(newVerbDef("eval", 3, VF.READ | VF.DEBUG, "any", -2, "any", ""));
  const wizard = world.create(1, 3, 3);
  wizard.name = "Wizard";
  wizard.flags = FLAG.PLAYER | FLAG.PROGRAMMER | FLAG.WIZARD;
  world.setLocation(wizard, 2);
  return world;
};

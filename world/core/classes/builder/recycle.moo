verb "@recycle" any none none rxd
/* @recycle <object>: destroy something you own, for good. */
o = player:find(dobjstr);
if (!valid(o))
  return;
elseif (is_player(o))
  return player:tell("Players can't be recycled this way.");
elseif (!player:controls(o))
  return player:tell("You can only recycle what you own.");
endif
name = tostr(o.name, " (", o, ")");
set_task_perms(player);
recycle(o);
player:tell(name, " is recycled.");

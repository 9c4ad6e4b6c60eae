verb "@programmer" any none none rxd
/* @programmer <player>: the programmer bit, and the programmer's commands. */
if (caller != player || !player.wizard)
  return player:tell("Only wizards can do that.");
elseif (!valid(who = player:find_player(dobjstr)))
  return;
endif
who.programmer = 1;
if (!isa(who, $prog))
  chparent(who, $prog);
endif
player:tell(who.name, " (", who, ") is now a programmer.");
if (who != player)
  who:tell(player.name, " has made you a programmer: \"help\" lists your new commands.");
endif

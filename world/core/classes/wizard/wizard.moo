verb "@wizard" any none none rxd
/* @wizard <player>: every right there is. Think twice. */
if (caller != player || !player.wizard)
  return player:tell("Only wizards can do that.");
elseif (!valid(who = player:find_player(dobjstr)))
  return;
endif
who.programmer = 1;
who.wizard = 1;
if (!isa(who, $wiz))
  chparent(who, $wiz);
endif
player:tell(who.name, " (", who, ") is now a wizard.");
if (who != player)
  who:tell(player.name, " has made you a wizard.");
endif

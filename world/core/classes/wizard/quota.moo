verb "@quota" any any any rxd
/* @quota <player>: the player's task quotas and use (task_quota()).
   @quota <player> <quota> <number> ...: override some (set_task_quota()).
   @quota <player> default: back to the server's configured quotas. */
if (caller != player || !player.wizard)
  return player:tell("Only wizards can do that.");
elseif (!args || (length(args) > 2 && length(args) % 2 != 1))
  return player:tell("Usage: @quota <player> [default | <quota> <number> ...]");
elseif (!valid(who = player:find_player(args[1])))
  return;
endif
if (length(args) > 1)
  changes = [];
  for i in [1..(length(args) - 1) / 2]
    changes[args[2 * i]] = toint(args[2 * i + 1]);
  endfor
  if (args[2] == "default")
    changes = [];
  endif
  try
    set_task_quota(who, changes);
  except e (ANY)
    return player:tell("Can't set that quota: ", e[2]);
  endtry
endif
player:tell("Task quotas of ", who.name, " (", who, "):");
for v, k in (task_quota(who))
  player:tell("  ", k, ": ", toliteral(v));
endfor

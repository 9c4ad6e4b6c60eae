verb "@verb" any any any rxd
/* @verb <object>:<names> [<dobj> [<prep> [<iobj>]]]: a new verb, owned by
   you, with no code yet. The arguments default to "none none none". */
if (!args)
  return player:tell("Usage: @verb <object>:<names> [<dobj> [<prep> [<iobj>]]]");
elseif (!(ref = player:verbref(args[1])))
  return;
endif
{o, names} = ref;
spec = {@args[2..min(4, $)], "none", "none", "none"}[1..3];
set_task_perms(player);
try
  add_verb(o, {player, "rxd", names}, spec);
except e (ANY)
  return player:tell("Can't add that verb: ", e[2]);
endtry
player:tell("Verb ", names, " added to ", o.name, " (", o, ") with arguments ", spec[1], " ", spec[2], " ", spec[3], ".");

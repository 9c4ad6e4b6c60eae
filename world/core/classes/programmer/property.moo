verb "@property" any any any rxd
/* @property <object>.<name> [<value>]: a new property, owned by you,
   readable by all ("r"), and on each descendant owned by that object's
   owner ("c"). The value is MOO code, evaluated with your rights: 3,
   "text", {1, 2}, #12; 0 when left out. */
if (!args || !(m = match(args[1], "^%(.+%)%.%([^.]+%)$")))
  return player:tell("Usage: @property <object>.<name> [<value>]");
endif
o = player:find(substitute("%1", m));
if (!valid(o))
  return;
endif
name = substitute("%2", m);
rest = index(argstr, " ") ? argstr[index(argstr, " ") + 1..$] | "";
set_task_perms(player);
value = 0;
if (rest)
  r = eval("return " + rest + ";");
  if (!r[1])
    return player:tell("That value does not compile: ", r[2][1]);
  endif
  value = r[2];
endif
try
  add_property(o, name, value, {player, "rc"});
except e (ANY)
  return player:tell("Can't add that property: ", e[2]);
endtry
player:tell("Property ", name, " added to ", o.name, " (", o, ") with value ", toliteral(value), ".");

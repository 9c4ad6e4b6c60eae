verb "@rename" any to any rxd
/* @rename <object> to <name>[,<alias>,...] */
o = player:find(dobjstr);
if (!valid(o))
  return;
elseif (!player:controls(o))
  return player:tell("You can only rename what you own.");
endif
names = $string_utils:split_names(iobjstr);
if (!names)
  return player:tell("Usage: @rename <object> to <name>[,<alias>,...]");
endif
if (is_player(o) && (problem = $login:name_problem(names[1], o)))
  return player:tell(problem);
endif
old = o.name;
o.name = names[1];
o.aliases = names[2..$];
player:tell("Renamed ", old, " (", o, ") to ", o.name, o.aliases ? " (also " + $string_utils:english_list(o.aliases) + ")" | "", ".");

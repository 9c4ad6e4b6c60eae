verb "@create" any any any rxd
/* @create <name>[,<alias>,...]  or  @create <parent> named <name>[,<alias>,...]
   The new object is yours and starts in your inventory (a room starts nowhere). */
if (m = match(argstr, "^%(.+%) +named +%(.+%)$"))
  parent = player:find(substitute("%1", m));
  names = $string_utils:split_names(substitute("%2", m));
else
  parent = $thing;
  names = $string_utils:split_names(argstr);
endif
if (!names)
  return player:tell("Usage: @create [<parent> named] <name>[,<alias>,...]");
elseif (!valid(parent))
  return;
endif
/* With the player's own rights: they own it, and their quota pays for it. */
set_task_perms(player);
try
  o = create(parent);
except e (ANY)
  return player:tell("You can't create a child of ", parent.name, " (", parent, "): ", e[2]);
endtry
o.name = names[1];
o.aliases = names[2..$];
if (isa(o, $room))
  return player:tell("You create the room ", o.name, " (", o, "). Make a way in with: @dig <direction> to ", o);
endif
`move(o, player) ! ANY';
player:tell("You create ", o.name, " (", o, ")", o.location == player ? "; you are carrying it." | ".");

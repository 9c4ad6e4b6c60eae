verb "make" this none this rxd
/* make(names, from, to): a new exit from room `from` to room `to`, named
   names[1] with the rest as aliases, owned by whoever's rights called. */
{names, from, to} = args;
set_task_perms(caller_perms());
e = create($exit);
e.name = names[1];
e.aliases = names[2..$];
e.source = from;
e.dest = to;
if (from:add_exit(e) != 1)
  recycle(e);
  return player:tell("You may not add exits to ", from.name, ".");
endif
player:tell("You make the exit ", e.name, " (", e, ") from ", from.name, " to ", to.name, ".");
return e;

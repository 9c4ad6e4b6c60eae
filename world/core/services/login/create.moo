verb "create" this none this rxd
/* create <name> <password>: a new player, owning itself, at the start. */
if (caller != this)
  return E_PERM;
endif
{conn, ?name = "", ?password = "", @extra} = args;
if (!name || !password || extra)
  notify(conn, "Usage: create <name> <password> (a name with no spaces)");
  return 0;
elseif (problem = this:name_problem(name))
  notify(conn, problem);
  return 0;
endif
/* Owner #-1: the player owns itself, and the properties that go with ownership ("c"). */
who = create($player_class, #-1);
set_player_flag(who, 1);
who.name = name;
who.password = password_hash(password);
move(who, $player_start);
return who;

verb "connect" this none this rxd
/* connect <name> <password> */
if (caller != this)
  return E_PERM;
endif
{conn, ?name = "", ?password = ""} = args;
who = this:player_named(name);
/* A player with no password (the core's Wizard, until one is set) gets in
   with any; the hook tells a wizard so at once. */
if (valid(who) && (!who.password || password_verify(password, who.password)))
  return who;
endif
notify(conn, "Either that player does not exist, or has a different password.");
return 0;

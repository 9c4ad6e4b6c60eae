verb "do_login_command" this none this rxd
/* The server calls this with each line typed on a connection that is not
   logged in (player is the connection's negative number, args its words).
   Returning a player object logs the connection in as that player. */
if (callers() && !caller_perms().wizard)
  return E_PERM;
endif
return $login:parse(player, args);

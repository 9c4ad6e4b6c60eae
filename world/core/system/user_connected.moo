verb "user_connected user_created user_reconnected" this none this rxd
/* The server calls these once a connection is logged in as args[1]. A
   player that is not a $player (an imported one) has no confunc. */
if (callers() && !caller_perms().wizard)
  return E_PERM;
endif
who = args[1];
if (valid(who) && is_player(who))
  `who:confunc(verb) ! E_VERBNF';
endif

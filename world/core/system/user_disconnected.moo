verb "user_disconnected user_client_disconnected" this none this rxd
/* The server calls these when a logged-in player's connection closes. */
if (callers() && !caller_perms().wizard)
  return E_PERM;
endif
who = args[1];
if (valid(who) && is_player(who))
  `who:disfunc() ! E_VERBNF';
endif

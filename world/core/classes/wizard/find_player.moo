verb "find_player" this none this rxd
/* The player `name` means (me, #N, or any player's name), or $failed_match
   after telling this player there is none. */
{name} = args;
o = this:match(name);
if (!(valid(o) && is_player(o)))
  o = $login:player_named(name);
endif
if (!valid(o))
  this:tell("There is no player called \"", name, "\".");
endif
return o;

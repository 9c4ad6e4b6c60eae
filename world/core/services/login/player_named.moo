verb "player_named" this none this rxd
/* The player called `name` (in any case), or $failed_match. */
{name} = args;
for p in (players())
  if (p.name == name)
    return p;
  endif
endfor
return $failed_match;

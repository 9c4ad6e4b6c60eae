verb "match_exit" this none this rxd
/* The exit from here called `name` (by its name or an alias), or $failed_match. */
{name} = args;
for e in (this.exits)
  if (valid(e) && (name == e.name || name in e.aliases))
    return e;
  endif
endfor
return $failed_match;

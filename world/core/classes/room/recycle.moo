verb "recycle" this none this rxd
/* recycle() calls this first: players here go to the start, and the exits
   from here and to here go too, so none leads nowhere. */
who = caller_perms();
if (!(who.wizard || who == this.owner))
  return E_PERM;
endif
for x in (this.contents)
  if (is_player(x))
    x:tell("The room around you vanishes.");
    move(x, $player_start);
  endif
endfor
for e in (children($exit))
  if (e.source == this || e.dest == this)
    recycle(e);
  endif
endfor

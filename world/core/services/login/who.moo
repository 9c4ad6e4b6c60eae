verb "who" this none this rxd
/* who: the names of the players connected. */
if (caller != this)
  return E_PERM;
endif
names = {};
for p in (connected_players())
  names = {@names, p.name};
endfor
notify(args[1], names ? "Connected: " + $string_utils:english_list(names) + "." | "Nobody is connected.");
return 0;

verb "announce announce_all" this none this rxd
/* Tell everything here the joined args: announce leaves out player,
   announce_all does not. One listener's broken tell must not stop the rest. */
for x in (this.contents)
  if (verb == "announce_all" || x != player)
    `x:tell(@args) ! ANY';
  endif
endfor

verb "invoke" this none this rxd
/* Take player through this exit. */
here = player.location;
dest = this.dest;
if (here != this.source || !valid(dest))
  return player:tell("That way leads nowhere.");
endif
move(player, dest);
here:announce(player.name, " goes ", this.name, ".");
dest:announce(player.name, " arrives.");

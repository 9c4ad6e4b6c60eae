verb "get take" this none none rxd
/* get <thing> (or take): into your inventory. */
if (this.location == player)
  return player:tell("You already have that.");
elseif (this.location != player.location)
  return player:tell("You can't reach that from here.");
endif
move(this, player);
player:tell("Taken.");
player.location:announce(player.name, " takes ", this.name, ".");

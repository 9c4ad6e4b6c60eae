verb "drop" this none none rxd
/* drop <thing>: from your inventory into the room. */
if (this.location != player)
  return player:tell("You don't have that.");
endif
move(this, player.location);
player:tell("Dropped.");
player.location:announce(player.name, " drops ", this.name, ".");

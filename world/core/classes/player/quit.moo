verb "@quit" none none none rxd
/* @quit: disconnect. */
player:tell("Goodbye!");
boot_player(player);

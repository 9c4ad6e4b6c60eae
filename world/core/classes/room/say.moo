verb "say" any any any rxd
/* say <text>, or "<text> */
player:tell("You say, \"", argstr, "\"");
this:announce(player.name, " says, \"", argstr, "\"");

verb "accept" this none this rxd
/* Players carry things, not other players or rooms. */
return !is_player(args[1]) && !isa(args[1], $room);

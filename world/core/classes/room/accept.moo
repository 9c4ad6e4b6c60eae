verb "accept" this none this rxd
/* Rooms hold anything but other rooms. */
return !isa(args[1], $room);

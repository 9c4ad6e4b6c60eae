verb "enterfunc" this none this rxd
/* move() calls this after something arrives: a player looks around. */
{what} = args;
if (is_player(what))
  this:look_self(what);
endif

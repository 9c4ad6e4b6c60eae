verb "tell" this none this rxd
/* Players hear what they are told: the args joined into one line. */
notify(this, tostr(@args));

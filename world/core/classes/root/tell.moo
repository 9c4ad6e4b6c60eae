verb "tell" this none this rxd
/* Objects that are not players hear nothing; rooms announce to everything
   they hold, so every object has this verb. */
return;

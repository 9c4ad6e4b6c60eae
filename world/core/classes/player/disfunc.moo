verb "disfunc" this none this rxd
/* #0's user_disconnected hook calls this when this player's connection closes. */
if (caller != #0)
  return E_PERM;
endif
if (valid(this.location))
  this.location:announce(this.name, " has disconnected.");
endif

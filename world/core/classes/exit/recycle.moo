verb "recycle" this none this rxd
/* recycle() calls this first: the room the exit leaves from forgets it. */
who = caller_perms();
if (!(who.wizard || who == this.owner))
  return E_PERM;
endif
if (valid(this.source))
  this.source:remove_exit(this);
endif

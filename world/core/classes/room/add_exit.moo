verb "add_exit remove_exit" this none this rxd
/* Add or remove an exit leading out of here. Adding needs the caller to own
   the room (or free_building); removing, to own the room or the exit. */
{exit} = args;
who = caller_perms();
if (verb == "add_exit")
  if (!(who.wizard || who == this.owner || this.free_building))
    return E_PERM;
  endif
  this.exits = setadd(this.exits, exit);
else
  if (!(who.wizard || who == this.owner || (valid(exit) && who == exit.owner)))
    return E_PERM;
  endif
  this.exits = setremove(this.exits, exit);
endif
return 1;

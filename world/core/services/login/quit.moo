verb "quit" this none this rxd
/* quit: close the connection. */
if (caller != this)
  return E_PERM;
endif
boot_player(args[1]);
return 0;

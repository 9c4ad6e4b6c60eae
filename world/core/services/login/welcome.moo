verb "welcome help" this none this rxd
/* The welcome message, on opening a connection and for "help". */
if (caller != this)
  return E_PERM;
endif
for line in (this.welcome_message)
  notify(args[1], line);
endfor
return 0;

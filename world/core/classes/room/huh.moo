verb "huh" this none this rxd
/* The server calls huh when no verb fits a command: a bare direction
   ("north", "n") names an exit. */
exit = this:match_exit(verb);
if (valid(exit))
  return exit:invoke();
endif
player:tell("I don't understand that. Type \"help\" for the commands.");

verb "go" any any any rxd
/* go <direction> [<direction> ...]: through exits, one after another. */
if (!args)
  return player:tell("Go where?");
endif
for dir in (args)
  exit = player.location:match_exit(dir);
  if (!valid(exit))
    return player:tell("You can't go ", dir, " from here.");
  endif
  exit:invoke();
endfor

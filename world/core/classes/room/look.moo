verb "l*ook" any any any rxd
/* look | look <thing> | look at <thing> | look <direction> */
what = dobjstr || iobjstr;
if (!what)
  return this:look_self();
endif
thing = dobjstr ? dobj | iobj;
if (valid(thing))
  return thing:look_self();
endif
exit = this:match_exit(what);
if (valid(exit))
  return exit:look_self();
endif
player:tell(thing == $ambiguous_match ? "Which \"" + what + "\" do you mean?" | "You see no \"" + what + "\" here.");
